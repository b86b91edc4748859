// SPDX-License-Identifier: MIT
#include "core/aggregate/log_generator.h"

#include "core/aggregate/date_value.h"
#include "core/common/atomic_file.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/parallel_for.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>
#include <zlib.h>

#include <QFile>
#include <QIODevice>
#include <QThreadPool>

namespace bidlab::aggregate {

namespace {

constexpr qint64 kRowsPerBlock = 1 << 16;

// SplitMix64: small, fast and good enough for synthetic data.
class Random
{
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed)
    { }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    int below(int n) { return int((next() >> 32) * std::uint64_t(n) >> 32); }

    // Binomial(n, p) by inverse transform: about n*p steps, fine for the small means of ad funnels.
    int binomial(int n, double p)
    {
        if (n <= 0 || p <= 0)
            return 0;
        const double u = uniform();
        double pmf = std::pow(1.0 - p, n);
        double cdf = pmf;
        int k = 0;
        while (u > cdf && k < n) {
            pmf *= double(n - k) / double(k + 1) * p / (1.0 - p);
            cdf += pmf;
            ++k;
        }
        return k;
    }

private:
    std::uint64_t m_state;
};

struct Campaign
{
    std::string name;
    double ctr;
    double cvr;
    double cpcMicros;
    double valueMicros;
};

void appendInt(std::string& out, std::int64_t value)
{
    char buffer[24];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, end);
}

// Micros with four decimals (rounded): 9174500 -> "9.1745".
void appendMoney(std::string& out, std::int64_t micros)
{
    const std::int64_t tenThousandths = (micros + 50) / 100;
    appendInt(out, tenThousandths / 10000);
    const int fraction = int(tenThousandths % 10000);
    out += '.';
    out += char('0' + fraction / 1000);
    out += char('0' + fraction / 100 % 10);
    out += char('0' + fraction / 10 % 10);
    out += char('0' + fraction % 10);
}

std::string formatBlock(const LogSpec& spec, const std::vector<Campaign>& campaigns,
                        const std::vector<std::string>& dates, qint64 block)
{
    static const std::array<const char*, 5> devices { "mobile", "desktop", "tablet", "tv", "other" };
    Random random(spec.seed * 0x9E3779B97F4A7C15ull + std::uint64_t(block) * 0xD1B54A32D192ED03ull + 1);
    const qint64 first = block * kRowsPerBlock;
    const qint64 count = std::min(kRowsPerBlock, spec.rows - first);
    std::string out;
    out.reserve(std::size_t(count) * 56);
    for (qint64 r = 0; r < count; ++r) {
        const Campaign& c = campaigns[std::size_t(random.below(spec.campaigns))];
        const int impressions = 1 + random.below(999);
        const int clicks = random.binomial(impressions, c.ctr);
        const int conversions = random.binomial(clicks, c.cvr);
        const auto cost = std::int64_t(clicks * c.cpcMicros * (0.5 + random.uniform()) + impressions * 1000.0);
        const auto revenue = std::int64_t(conversions * c.valueMicros * (0.5 + random.uniform()));
        out += dates[std::size_t(random.below(spec.days))];
        out += ',';
        out += c.name;
        out += ',';
        out += devices[std::size_t(random.below(spec.devices))];
        out += ',';
        appendInt(out, impressions);
        out += ',';
        appendInt(out, clicks);
        out += ',';
        appendInt(out, conversions);
        out += ',';
        appendMoney(out, cost);
        out += ',';
        appendMoney(out, revenue);
        out += '\n';
    }
    return out;
}

} // namespace

Status generateLog(const LogSpec& spec, const QString& path, const std::function<void(qint64, qint64)>& progress,
                   const std::function<bool()>& canceled)
{
    if (spec.rows < 0 || spec.campaigns < 1 || spec.days < 1 || spec.devices < 1 || spec.devices > 5)
        return Error { QStringLiteral("The log needs at least one campaign and one day, and 1 to 5 devices.") };
    Random setup(spec.seed);
    std::vector<Campaign> campaigns;
    for (int i = 0; i < spec.campaigns; ++i) {
        campaigns.push_back({ "camp_" + std::to_string(i), 0.005 + 0.03 * setup.uniform(),
                              0.01 + 0.09 * setup.uniform(), 200'000 + 1'800'000 * setup.uniform(),
                              10'000'000 + 90'000'000 * setup.uniform() });
    }
    std::vector<std::string> dates;
    for (int d = 0; d < spec.days; ++d)
        dates.push_back(spec.firstDay.addDays(d).toString(Qt::ISODate).toStdString());

    const QString temporary = temporaryPathFor(path);
    const bool gzip = path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive);
    QFile plain(temporary);
    gzFile compressed = nullptr;
    if (gzip)
        compressed = gzopen(QFile::encodeName(temporary).constData(), "wb6");
    else
        plain.open(QIODevice::WriteOnly | QIODevice::Truncate);
    if (gzip ? compressed == nullptr : !plain.isOpen())
        return Error { QStringLiteral("The file '%1' cannot be written.").arg(path) };
    const auto write = [&](const std::string& bytes) {
        if (gzip)
            return gzwrite(compressed, bytes.data(), unsigned(bytes.size())) == int(bytes.size());
        return plain.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
    };
    const auto abandon = [&](const QString& message) -> Status {
        if (gzip)
            gzclose(compressed);
        plain.close();
        QFile::remove(temporary);
        return Error { message };
    };

    bool ok = write("date,campaign_id,device,impressions,clicks,conversions,cost,revenue\n");
    const qint64 blocks = (spec.rows + kRowsPerBlock - 1) / kRowsPerBlock;
    const qint64 batch = std::max(1, jobs::jobPool()->maxThreadCount()) * 2;
    std::vector<std::string> formatted;
    for (qint64 start = 0; ok && start < blocks; start += batch) {
        if (canceled && canceled())
            return abandon(QStringLiteral("Cancelled."));
        const qint64 n = std::min(batch, blocks - start);
        formatted.assign(std::size_t(n), {});
        jobs::parallelFor(jobs::jobPool(), n, [&](qsizetype i) {
            formatted[std::size_t(i)] = formatBlock(spec, campaigns, dates, start + i);
        });
        for (const std::string& bytes : formatted)
            ok = ok && write(bytes);
        if (progress)
            progress(std::min(spec.rows, (start + n) * kRowsPerBlock), spec.rows);
    }
    if (gzip)
        ok = gzclose(compressed) == Z_OK && ok;
    else
        ok = plain.flush() && ok;
    plain.close();
    if (!ok) {
        QFile::remove(temporary);
        return Error { QStringLiteral("Writing '%1' failed (disk full?).").arg(path) };
    }
    return commitTemporaryFile(temporary, path);
}

} // namespace bidlab::aggregate
