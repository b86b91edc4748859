// SPDX-License-Identifier: MIT
#include "core/engine/incident.h"

namespace bidlab::engine {

const QStringList& incidentNames()
{
    static const QStringList names { QStringLiteral("traffic-spike"), QStringLiteral("bot-attack"),
                                     QStringLiteral("slow-worker"), QStringLiteral("market-price-jump"),
                                     QStringLiteral("crash-loop") };
    return names;
}

QString incidentName(IncidentKind kind)
{
    return incidentNames().value(static_cast<int>(kind));
}

std::optional<IncidentKind> incidentFromName(const QString& name)
{
    const qsizetype i = incidentNames().indexOf(name.trimmed().toLower());
    if (i < 0)
        return std::nullopt;
    return static_cast<IncidentKind>(i);
}

} // namespace bidlab::engine
