// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace bidlab {

// The user's data folder for BidLab (run history database, remembered mappings), created on demand.
// BIDLAB_DATA_DIR overrides it (tests, portable use).
QString dataDirectory();

// Path of a helper executable (bidlab-worker) shipped beside the running program: the same folder in a
// build tree and after installation. Empty when it is not there.
QString siblingExecutable(const QString& name);

} // namespace bidlab
