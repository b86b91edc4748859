// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/stats/ab_dataset.h"

#include <functional>

#include <QMap>
#include <QStringList>

// Reads A/B tables from CSV files (RFC 4180, any of ',', ';', tab or '|', BOM, CRLF) into a Dataset. Columns
// are found by header; the table's shape follows from them: a user column means one row per user, else a
// date column one row per arm and day, else rows of counts. Several files (control_group.csv and
// test_group.csv) are read as one table. A malformed row is reported with its file, line and reason and left
// out; the rest is kept.
namespace bidlab::stats {

struct LoadOptions
{
    QMap<Role, QString> columns; // the user's choice of column per role (an empty text leaves a role out)
    char delimiter = 0; // 0: detected per file
    // The control arm's name in every experiment (case-insensitive). Empty: an arm called control,
    // baseline, ... ("Control Campaign" counts), else the first arm seen.
    QString control;
    std::function<bool()> stop;
    std::function<void(double)> progress; // fraction of the bytes read
};

// Fails (with a sentence naming the file) when a file cannot be read, has no usable header, when files differ
// in shape, or when no row is usable; also when stopped.
Expected<Dataset> loadDataset(const QStringList& paths, const LoadOptions& options = {});

// The header (first record) of a table file, read from its first 64 KiB: for choosing columns by hand.
Expected<QStringList> readHeader(const QString& path, char delimiter = 0);

} // namespace bidlab::stats
