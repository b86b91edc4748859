// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/train/dataset.h"

#include <functional>

#include <QString>
#include <QStringList>

// Reads click data from CSV/TSV files: columns mapped by header name or by position ("#3"), or the Criteo
// format (label, 13 integer and 26 hashed categorical features, no header, trailing fields may be missing).
namespace bidlab::train {

struct ColumnMapping
{
    enum class Format { Auto, Csv, Criteo };
    Format format = Format::Auto;
    bool header = true; // CSV only; without one, columns are named "#1", "#2", ...
    char delimiter = 0; // 0: detected
    // Names or positions ("#1" is the first column). Left empty, the label is the first of label, click,
    // clicked, is_click, y, is_attributed; columns named like the engine's features take their role; the
    // other columns are dense when their values are numbers, else categorical.
    QString label;
    QStringList dense;
    QStringList categorical;
    QStringList ignore;
    QString truth; // the true click probability (synthetic sets: p); default "p" when such a column exists
    // Dense features to log-transform ("*" for all); Criteo's integer counts are log-transformed by default.
    QStringList log1p;
};

// A row that could not be used, and why (the job goes on without it).
struct BadRow
{
    std::int64_t line = 0;
    QString reason;
};

struct LoadedData
{
    Dataset data;
    QStringList log1pFeatures; // the dense features to log-transform, resolved from the mapping
    std::int64_t badRowCount = 0;
    std::vector<BadRow> badRows; // the first kMaxReportedBadRows
    QString description; // "criteo, 1000 rows, 13 dense, 26 categorical"
};

inline constexpr std::size_t kMaxReportedBadRows = 20;

// Reads the whole file. `progress(fraction)` is called now and then and may return false to stop (then the
// result is an error saying it was cancelled). Errors name the file and, for a bad mapping, the column.
Expected<LoadedData> loadDataset(const QString& path, const ColumnMapping& mapping,
                                 const std::function<bool(double)>& progress = {});

// The first rows of a file as text, for a preview: the header (or "#1".."#N") and up to maxRows rows.
struct Preview
{
    QStringList columns;
    QList<QStringList> rows;
    QString format; // "CSV (',')", "Criteo TSV"
};
Expected<Preview> previewDataset(const QString& path, const ColumnMapping& mapping, int maxRows = 20);

// The 32-bit id of a categorical value: the value itself when it is a decimal integer that fits, else a
// hash (FNV-1a) of its bytes; an empty field is kMissingCategory.
std::uint32_t categoryId(std::string_view field);

} // namespace bidlab::train
