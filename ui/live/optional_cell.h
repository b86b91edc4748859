// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QVariant>

namespace bidlab::ui {

// An optional number as a table cell or sort key: the number, or a null QVariant (an empty value, shown as
// "—", written as an empty field, sorted first).
inline QVariant cellOf(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace bidlab::ui
