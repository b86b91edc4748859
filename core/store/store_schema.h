// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

class QSqlDatabase;

namespace bidlab::store::detail {

// The schema's versions, each a list of statements that takes a database from the version before to it.
// The version lives in SQLite's user_version. migrate() runs the missing steps in one transaction and
// refuses a database newer than this build.
Status migrate(QSqlDatabase& db, int targetVersion);
int latestSchemaVersion();

} // namespace bidlab::store::detail
