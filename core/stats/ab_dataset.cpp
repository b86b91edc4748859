// SPDX-License-Identifier: MIT
#include "core/stats/ab_dataset.h"

#include "core/stats/translation.h"


namespace bidlab::stats {

QString shapeLabel(TableShape shape)
{
    switch (shape) {
    case TableShape::Aggregated:
        return detail::tr("counts per arm");
    case TableShape::PerUnit:
        return detail::tr("one row per user");
    case TableShape::Daily:
        return detail::tr("one row per arm and day");
    }
    return {};
}

QString RowProblem::message() const
{
    return detail::tr("%1, line %2: %3; the row was left out.").arg(file).arg(line).arg(reason);
}

QString Dataset::mappingText() const
{
    QStringList parts;
    for (const QString& key : roleKeys()) {
        const Role role = *roleFromKey(key);
        if (columns.has(role))
            parts << QStringLiteral("%1 ← '%2'").arg(key, headers.value(columns[role]));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace bidlab::stats
