// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <functional>

#include <QString>

class QIODevice;

namespace bidlab {

// Writes a file atomically (QSaveFile): the writer fills the device and returns false (after setting
// *error) to abandon; a crash or a failure never leaves a half-written file at `path`.
Status writeFileAtomically(const QString& path, const std::function<bool(QIODevice&, QString* error)>& writer);

// For libraries that can only write to a path of their own (libxlsxwriter 1.1): a temporary path in the
// target's folder, then commitTemporaryFile() renames it over the target in one step.
QString temporaryPathFor(const QString& path);
Status commitTemporaryFile(const QString& temporaryPath, const QString& path);

} // namespace bidlab
