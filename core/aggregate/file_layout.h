// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace bidlab::aggregate {

// The head of an input file: what the mapping dialog shows and what the scan needs before it starts.
struct FileLayout
{
    QString path;
    bool compressed = false; // gzip (by content, whatever the name)
    qint64 fileBytes = 0;
    char delimiter = ',';
    QStringList headers;
    QList<QStringList> sample; // the first data rows, as read
    qint64 dataStart = 0; // offset of the first data row in the (uncompressed) CSV
    qint64 headerLines = 1; // physical lines of the header record
};

// Reads the header and up to `sampleRows` rows from the first 256 KiB (decompressed). `delimiter` 0: detect.
// Errors: a missing or unreadable file, an empty file, a broken gzip stream; each names the file.
Expected<FileLayout> inspectFile(const QString& path, char delimiter = 0, int sampleRows = 20);

// "," -> ',', "tab" or "\t" -> '\t', "" or "auto" -> 0; nullopt for anything else.
std::optional<char> delimiterFromText(const QString& text);
QString delimiterName(char delimiter); // "comma", "semicolon", "tab", "pipe", or the character

} // namespace bidlab::aggregate
