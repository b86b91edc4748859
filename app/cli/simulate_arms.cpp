// SPDX-License-Identifier: MIT
#include "app/cli/simulate_arms.h"

#include <array>
#include <utility>

#include <QJsonObject>

namespace bidlab::cli {

namespace {

// Command-line key -> the scenario's strategy field (engine_config_json.cpp reads and checks it).
constexpr std::array<std::pair<const char*, const char*>, 10> kStrategyKeys { {
    { "strategy", "name" },
    { "base-bid", "baseBidCpm" },
    { "max-bid", "maxBidCpm" },
    { "random-min", "randomMinCpm" },
    { "random-max", "randomMaxCpm" },
    { "average-ctr", "averageCtr" },
    { "ortb-c", "ortbC" },
    { "ortb-lambda", "ortbLambda" },
    { "ortb-form", "ortbForm" },
    { "shading", "shading" },
} };

const char* strategyField(const QString& key)
{
    for (const auto& [option, field] : kStrategyKeys) {
        if (key == QLatin1String(option))
            return field;
    }
    return nullptr;
}

// A value as the scenario file would hold it: a number, true/false, or text.
QJsonValue jsonValue(const QString& text)
{
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (ok)
        return number;
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return text == QLatin1String("true");
    return text;
}

} // namespace

QString armOptionKeys()
{
    QStringList keys { QStringLiteral("weight") };
    for (const auto& [option, field] : kStrategyKeys)
        keys << QLatin1String(option);
    return keys.join(QStringLiteral(", "));
}

Expected<engine::ArmConfig> parseArmOption(const QString& text, const bidding::StrategyParams& base)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    engine::ArmConfig arm;
    arm.name = (colon < 0 ? text : text.left(colon)).trimmed();
    if (arm.name.isEmpty())
        return Error {
            QStringLiteral("--arm '%1': expected NAME:KEY=VALUE,... with a name before the colon.").arg(text)
        };
    QJsonObject strategy = engine::strategyToJson(base);
    const QString settings = colon < 0 ? QString() : text.mid(colon + 1);
    for (const QString& item : settings.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString key = item.left(eq).trimmed();
        const QString value = item.mid(eq + 1).trimmed();
        if (eq <= 0 || value.isEmpty())
            return Error { QStringLiteral("--arm %1: expected KEY=VALUE, got '%2'.").arg(arm.name, item) };
        if (key == QLatin1String("weight")) {
            bool ok = false;
            arm.weight = value.toDouble(&ok);
            if (!ok || !(arm.weight > 0))
                return Error {
                    QStringLiteral("--arm %1: weight must be a positive number, got '%2'.").arg(arm.name, value)
                };
        } else if (const char* field = strategyField(key)) {
            strategy.insert(QLatin1String(field), jsonValue(value));
        } else {
            return Error {
                QStringLiteral("--arm %1: unknown key '%2' (expected one of %3).").arg(arm.name, key, armOptionKeys())
            };
        }
    }
    Expected<bidding::StrategyParams> params
        = engine::strategyFromJson(strategy, QStringLiteral("--arm %1: strategy").arg(arm.name));
    if (!params)
        return Error { params.error() };
    arm.strategy = *params;
    return arm;
}

} // namespace bidlab::cli
