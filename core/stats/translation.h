// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

// The translation context of every user-facing sentence of core/stats ("Stats").
namespace bidlab::stats::detail {

inline QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Stats", text, disambiguation, n);
}

} // namespace bidlab::stats::detail
