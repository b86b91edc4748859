// SPDX-License-Identifier: MIT
#include "core/replay/campaign_info.h"

#include <cmath>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bidlab::replay {

namespace {

constexpr double kLargestExact = 9007199254740992.0; // 2^53: JSON numbers are read as doubles
constexpr qsizetype kMaxPriceBins = 1'000'001;

std::optional<std::int64_t> wholeNumber(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 0 || number > kLargestExact || number != std::floor(number))
        return std::nullopt;
    return static_cast<std::int64_t>(number);
}

class InfoReader
{
public:
    InfoReader(const QJsonObject& object, const QString& source)
        : m_object(object)
        , m_source(source)
    { }

    bool number(const char* key, std::int64_t& out, bool required)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined() && !required)
            return true;
        if (value.isUndefined())
            return fail(QStringLiteral("%1 is missing the key \"%2\".").arg(m_source, QLatin1String(key)));
        const auto parsed = wholeNumber(value);
        if (!parsed)
            return fail(
                QStringLiteral("%1: \"%2\" must be a whole number, not negative.").arg(m_source, QLatin1String(key)));
        out = *parsed;
        return true;
    }

    bool counts(std::vector<std::int64_t>& out)
    {
        const QJsonValue value = m_object.value(QLatin1String("price_counter_train"));
        if (!value.isArray())
            return fail(QStringLiteral("%1: \"price_counter_train\" must be an array of counts.").arg(m_source));
        const QJsonArray array = value.toArray();
        if (array.isEmpty() || array.size() > kMaxPriceBins)
            return fail(QStringLiteral("%1: \"price_counter_train\" must hold 1 to %2 counts, not %3.")
                            .arg(m_source)
                            .arg(kMaxPriceBins)
                            .arg(array.size()));
        out.reserve(static_cast<std::size_t>(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i) {
            const auto count = wholeNumber(array.at(i));
            if (!count)
                return fail(QStringLiteral("%1: price_counter_train[%2] must be a whole number, not negative.")
                                .arg(m_source)
                                .arg(i));
            out.push_back(*count);
        }
        return true;
    }

    bool fail(const QString& message)
    {
        m_error = message;
        return false;
    }
    const QString& error() const { return m_error; }

private:
    const QJsonObject& m_object;
    const QString& m_source;
    QString m_error;
};

} // namespace

double CampaignInfo::costPerAuction() const
{
    return static_cast<double>(costTrain) / static_cast<double>(impressionsTrain);
}

double CampaignInfo::averageCtr() const
{
    return static_cast<double>(clicksTrain) / static_cast<double>(impressionsTrain);
}

std::optional<double> CampaignInfo::costPerClick() const
{
    if (clicksTrain == 0)
        return std::nullopt;
    return static_cast<double>(costTrain) / static_cast<double>(clicksTrain);
}

Expected<CampaignInfo> parseCampaignInfo(const QByteArray& json, const QString& campaign, const QString& source)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error { QStringLiteral("%1 is not valid JSON: %2 at byte %3.")
                           .arg(source, parseError.errorString())
                           .arg(parseError.offset) };
    if (!document.isObject())
        return Error { QStringLiteral("%1 must hold a JSON object.").arg(source) };
    const QJsonObject object = document.object();
    InfoReader reader(object, source);
    CampaignInfo info;
    info.campaign = campaign;
    const bool ok = reader.number("imp_train", info.impressionsTrain, true)
        && reader.number("clk_train", info.clicksTrain, true) && reader.number("cost_train", info.costTrain, true)
        && reader.number("imp_test", info.impressionsTest, false) && reader.number("clk_test", info.clicksTest, false)
        && reader.number("cost_test", info.costTest, false) && reader.counts(info.priceCounts);
    if (!ok)
        return Error { reader.error() };
    if (info.impressionsTrain == 0)
        return Error { QStringLiteral("%1: \"imp_train\" must be at least 1.").arg(source) };
    if (info.clicksTrain > info.impressionsTrain)
        return Error { QStringLiteral("%1: \"clk_train\" (%2) exceeds \"imp_train\" (%3).")
                           .arg(source)
                           .arg(info.clicksTrain)
                           .arg(info.impressionsTrain) };
    std::int64_t total = 0;
    for (const std::int64_t count : info.priceCounts)
        total += count;
    if (total != info.impressionsTrain)
        return Error { QStringLiteral("%1: \"price_counter_train\" adds up to %2 impressions, but \"imp_train\" is %3.")
                           .arg(source)
                           .arg(total)
                           .arg(info.impressionsTrain) };
    return info;
}

Expected<CampaignInfo> readCampaignInfo(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("Cannot open the campaign file %1: %2.").arg(path, file.errorString()) };
    // The campaign is named after its folder, as in iPinYou's layout (<camp>/info.json).
    return parseCampaignInfo(file.readAll(), QFileInfo(path).absoluteDir().dirName(), path);
}

} // namespace bidlab::replay
