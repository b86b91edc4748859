// SPDX-License-Identifier: MIT
#include "core/replay/auction_log.h"

#include <charconv>
#include <cmath>

#include <QFile>
#include <QFileInfo>

namespace bidlab::replay {

namespace {

// Splits a line on spaces and tabs into at most 4 fields (a fourth means "too many").
int splitFields(std::string_view line, std::string_view (&fields)[4])
{
    int count = 0;
    std::size_t pos = 0;
    while (pos < line.size() && count < 4) {
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
            ++pos;
        if (pos == line.size())
            break;
        const std::size_t start = pos;
        while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t')
            ++pos;
        fields[count++] = line.substr(start, pos - start);
    }
    return count;
}

bool parseWhole(std::string_view field, std::int64_t& out)
{
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), out);
    return ec == std::errc() && end == field.data() + field.size();
}

bool parseNumber(std::string_view field, double& out)
{
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), out);
    return ec == std::errc() && end == field.data() + field.size() && std::isfinite(out);
}

QString quoted(std::string_view field)
{
    return QLatin1Char('"') + QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size())) + QLatin1Char('"');
}

class LogParser
{
public:
    LogParser(const QString& name, std::int64_t maxAuctions)
        : m_maxAuctions(maxAuctions)
    {
        m_log.name = name;
    }

    Expected<AuctionLog> run(std::string_view text)
    {
        if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
            text.remove_prefix(3);
        // About 20 bytes a line in iPinYou's files; a guess that saves most reallocations.
        const auto expected = static_cast<std::int64_t>(text.size() / 16);
        m_log.auctions.reserve(
            static_cast<std::size_t>(m_maxAuctions >= 0 ? std::min(expected, m_maxAuctions) : expected));
        std::size_t pos = 0;
        while (pos < text.size() && !full()) {
            const std::size_t end = std::min(text.find('\n', pos), text.size());
            std::string_view line = text.substr(pos, end - pos);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            pos = end + 1;
            ++m_line;
            if (!line.empty() && !take(line))
                return Error { m_error };
        }
        if (!full() && !closeEpisode())
            return Error { m_error };
        if (m_log.auctions.empty())
            return Error { QStringLiteral("%1 holds no auctions.").arg(m_log.name) };
        return std::move(m_log);
    }

private:
    bool full() const { return m_maxAuctions >= 0 && std::int64_t(m_log.auctions.size()) >= m_maxAuctions; }

    bool fail(const QString& reason)
    {
        m_error = QStringLiteral("%1, line %2: %3").arg(m_log.name).arg(m_line).arg(reason);
        return false;
    }

    bool take(std::string_view line)
    {
        std::string_view f[4];
        const int count = splitFields(line, f);
        if (count == 3)
            return takeAuction(f[0], f[1], f[2]);
        if (count == 2 && m_line == 1)
            return takeHeader(f[0], f[1]);
        if (count == 1 && m_log.declaredEpisodeLength > 0)
            return takeEpisodeMarker(f[0]);
        if (count == 0)
            return true;
        const QString found = count > 3 ? QStringLiteral("more than 3") : QString::number(count);
        return fail(QStringLiteral("expected the three fields \"click price pctr\", found %1.").arg(found));
    }

    bool takeHeader(std::string_view dim, std::string_view length)
    {
        std::int64_t d = 0;
        std::int64_t t = 0;
        if (!parseWhole(dim, d) || !parseWhole(length, t) || d < 0 || t < 1 || t > 100'000'000)
            return fail(QStringLiteral("the header must be \"dim T\" (two whole numbers, T at least 1), found %1 %2.")
                            .arg(quoted(dim), quoted(length)));
        m_log.declaredEpisodeLength = static_cast<int>(t);
        return true;
    }

    bool takeEpisodeMarker(std::string_view field)
    {
        std::int64_t index = 0;
        if (!parseWhole(field, index) || index != m_episode + 1)
            return fail(
                QStringLiteral("expected the episode index %1, found %2.").arg(m_episode + 1).arg(quoted(field)));
        if (!closeEpisode())
            return false;
        m_episode = index;
        m_inEpisode = 0;
        return true;
    }

    // A validation file's episode holds exactly T auctions.
    bool closeEpisode()
    {
        if (m_log.declaredEpisodeLength == 0 || m_episode == 0 || m_inEpisode == m_log.declaredEpisodeLength)
            return true;
        return fail(QStringLiteral("episode %1 holds %2 auctions; the header says each holds %3.")
                        .arg(m_episode)
                        .arg(m_inEpisode)
                        .arg(m_log.declaredEpisodeLength));
    }

    bool takeAuction(std::string_view clickField, std::string_view priceField, std::string_view pctrField)
    {
        if (m_log.declaredEpisodeLength > 0 && m_episode == 0)
            return fail(QStringLiteral("an auction before the first episode index."));
        std::int64_t click = 0;
        std::int64_t price = 0;
        double pctr = 0;
        if (!parseWhole(clickField, click) || (click != 0 && click != 1))
            return fail(QStringLiteral("click %1 must be 0 or 1.").arg(quoted(clickField)));
        if (!parseWhole(priceField, price) || price < 0 || price > kMaxLoggedPrice)
            return fail(QStringLiteral("price %1 must be a whole number from 0 to %2.")
                            .arg(quoted(priceField))
                            .arg(kMaxLoggedPrice));
        if (!parseNumber(pctrField, pctr) || pctr < 0.0 || pctr > 1.0)
            return fail(QStringLiteral("pCTR %1 must be a number from 0 to 1.").arg(quoted(pctrField)));
        m_log.auctions.push_back({ pctr, static_cast<std::int32_t>(price), static_cast<std::int32_t>(click) });
        m_log.clicks += click;
        m_log.priceSum += price;
        ++m_inEpisode;
        return true;
    }

    AuctionLog m_log;
    std::int64_t m_maxAuctions;
    std::int64_t m_line = 0;
    std::int64_t m_episode = 0;
    std::int64_t m_inEpisode = 0;
    QString m_error;
};

} // namespace

Expected<AuctionLog> parseAuctionLog(std::string_view text, const QString& name, std::int64_t maxAuctions)
{
    return LogParser(name, maxAuctions).run(text);
}

Expected<AuctionLog> readAuctionLog(const QString& path, std::int64_t maxAuctions)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("Cannot open the auction log %1: %2.").arg(path, file.errorString()) };
    const qint64 size = file.size();
    const uchar* mapped = size > 0 ? file.map(0, size) : nullptr;
    QByteArray copy;
    std::string_view text;
    if (mapped) {
        text = std::string_view(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(size));
    } else {
        copy = file.readAll();
        text = std::string_view(copy.constData(), static_cast<std::size_t>(copy.size()));
    }
    return parseAuctionLog(text, QFileInfo(path).fileName(), maxAuctions);
}

} // namespace bidlab::replay
