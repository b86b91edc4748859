// SPDX-License-Identifier: MIT
#include "core/engine/outcome_log.h"

#include "core/bidding/taxonomy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSaveFile>

namespace bidlab::engine {

namespace {

constexpr int kDevices = 3;

QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

Expected<std::unique_ptr<OutcomeLog>> OutcomeLog::open(const QString& path, QStringList campaignNames)
{
    std::unique_ptr<OutcomeLog> log(new OutcomeLog);
    log->m_file = std::make_unique<QSaveFile>(path);
    if (!log->m_file->open(QIODevice::WriteOnly))
        return Error { QCoreApplication::translate("OutcomeLog", "Cannot write the outcome log '%1': %2")
                           .arg(path, log->m_file->errorString()) };
    log->m_campaigns = std::move(campaignNames);
    log->m_file->write("date,hour,minute,campaign,device,requests,bids,impressions,clicks,conversions,cost,revenue\n");
    return log;
}

OutcomeLog::~OutcomeLog() = default;

OutcomeLog::Row& OutcomeLog::row(std::int64_t simTimeMs, int campaign, int device)
{
    const std::int64_t minute = simTimeMs >= 0 ? simTimeMs / 60'000 : (simTimeMs - 59'999) / 60'000;
    if (minute != m_cachedMinute) {
        std::vector<Row>& rows = m_minutes[minute];
        if (rows.empty())
            rows.resize(static_cast<std::size_t>(m_campaigns.size() + 1) * kDevices);
        m_cachedMinute = minute;
        m_cachedRows = &rows;
    }
    const auto c
        = static_cast<std::size_t>(campaign < 0 || campaign >= m_campaigns.size() ? m_campaigns.size() : campaign);
    return (*m_cachedRows)[c * kDevices + static_cast<std::size_t>(device % kDevices)];
}

void OutcomeLog::flushBefore(std::int64_t simTimeMs, int lagMinutes)
{
    const std::int64_t limit = simTimeMs / 60'000 - lagMinutes;
    while (!m_minutes.empty() && m_minutes.begin()->first < limit) {
        writeMinute(m_minutes.begin()->first, m_minutes.begin()->second);
        if (m_cachedMinute == m_minutes.begin()->first) {
            m_cachedMinute = INT64_MIN;
            m_cachedRows = nullptr;
        }
        m_minutes.erase(m_minutes.begin());
    }
}

void OutcomeLog::writeMinute(std::int64_t minute, const std::vector<Row>& rows)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(minute * 60'000, Qt::UTC);
    const QByteArray prefix = time.toString(QStringLiteral("yyyy-MM-dd,H,m,")).toUtf8();
    QByteArray out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        if (r.requests == 0 && r.impressions == 0 && r.clicks == 0 && r.conversions == 0 && r.cost == 0)
            continue;
        const std::size_t campaign = i / kDevices;
        const QString name = campaign < static_cast<std::size_t>(m_campaigns.size())
            ? m_campaigns.at(static_cast<qsizetype>(campaign))
            : QStringLiteral("(none)");
        out += prefix;
        out += csvField(name).toUtf8();
        out += ',';
        out += bidding::kDeviceNames[i % kDevices].data();
        out += QStringLiteral(",%1,%2,%3,%4,%5,%6,%7\n")
                   .arg(r.requests)
                   .arg(r.bids)
                   .arg(r.impressions)
                   .arg(r.clicks)
                   .arg(r.conversions)
                   .arg(formatMoney(r.cost, 6), formatMoney(r.revenue, 6))
                   .toUtf8();
        ++m_rowsWritten;
    }
    if (!out.isEmpty() && m_file->write(out) != out.size())
        m_failed = true;
}

Status OutcomeLog::finish()
{
    flushBefore(INT64_MAX / 2, 0);
    if (m_failed || !m_file->commit())
        return Error { QCoreApplication::translate("OutcomeLog", "Writing the outcome log '%1' failed: %2")
                           .arg(m_file->fileName(), m_file->errorString()) };
    return success();
}

} // namespace bidlab::engine
