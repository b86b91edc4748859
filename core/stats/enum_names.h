// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>

#include <QString>
#include <QStringList>

// Enums with stable names for the CLI, JSON and settings: a table of (value, key) pairs, searched both ways.
namespace bidlab::stats::detail {

template<class Enum> struct Named
{
    Enum value;
    const char* key;
};

template<class Enum> std::optional<Enum> fromKey(std::span<const Named<Enum>> table, const QString& key)
{
    const QString wanted = key.trimmed().toLower();
    for (const Named<Enum>& n : table) {
        if (wanted == QLatin1String(n.key))
            return n.value;
    }
    return std::nullopt;
}

template<class Enum> QString toKey(std::span<const Named<Enum>> table, Enum value)
{
    for (const Named<Enum>& n : table) {
        if (n.value == value)
            return QString::fromLatin1(n.key);
    }
    return {};
}

template<class Enum> QStringList keys(std::span<const Named<Enum>> table)
{
    QStringList out;
    for (const Named<Enum>& n : table)
        out << QString::fromLatin1(n.key);
    return out;
}

} // namespace bidlab::stats::detail
