// SPDX-License-Identifier: MIT
#include "core/aggregate/file_layout.h"

#include "core/common/csv_reader.h"

#include <zlib.h>

#include <QFile>
#include <QFileInfo>

namespace bidlab::aggregate {

namespace {

constexpr int kHeadBytes = 256 * 1024;

} // namespace

Expected<FileLayout> inspectFile(const QString& path, char delimiter, int sampleRows)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error { QStringLiteral("The file '%1' does not exist.").arg(path) };
    if (info.isDir())
        return Error { QStringLiteral("'%1' is a folder, not a CSV file.").arg(path) };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("The file '%1' cannot be read: %2.").arg(path, file.errorString()) };
    const QByteArray magic = file.peek(2);
    file.close();

    FileLayout layout;
    layout.path = path;
    layout.fileBytes = info.size();
    layout.compressed = magic.size() == 2 && quint8(magic[0]) == 0x1f && quint8(magic[1]) == 0x8b;

    gzFile gz = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!gz)
        return Error { QStringLiteral("The file '%1' cannot be opened.").arg(path) };
    std::string head(kHeadBytes, '\0');
    const int n = gzread(gz, head.data(), kHeadBytes);
    int zerr = Z_OK;
    const QString zmessage = QString::fromLatin1(gzerror(gz, &zerr));
    gzclose(gz);
    if (n < 0 || (zerr != Z_OK && zerr != Z_BUF_ERROR))
        return Error { QStringLiteral("The compressed file '%1' is damaged: %2.").arg(path, zmessage) };
    head.resize(std::size_t(n));

    const std::string_view text = csv::skipBom(head);
    const std::size_t bom = head.size() - text.size();
    layout.delimiter = delimiter ? delimiter : csv::detectDelimiter(text.substr(0, 64 * 1024));
    csv::Reader reader(text, { layout.delimiter, '"' });
    if (!reader.next())
        return Error { reader.error().empty()
                           ? QStringLiteral("The file '%1' is empty: it has no header row.").arg(path)
                           : QStringLiteral("The header of '%1' cannot be read: %2.")
                                 .arg(path, QString::fromStdString(reader.error())) };
    for (std::string_view field : reader.fields())
        layout.headers << QString::fromUtf8(field.data(), qsizetype(field.size())).trimmed();
    layout.dataStart = qint64(bom + reader.offset());
    layout.headerLines = reader.nextLine() - 1;
    // Sample rows; a row cut by the end of the head is left out.
    while (layout.sample.size() < sampleRows && reader.next()) {
        if (reader.offset() >= text.size() && std::size_t(n) == std::size_t(kHeadBytes))
            break;
        QStringList row;
        for (std::string_view field : reader.fields())
            row << QString::fromUtf8(field.data(), qsizetype(field.size()));
        layout.sample << row;
    }
    return layout;
}

std::optional<char> delimiterFromText(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("auto"))
        return char(0);
    if (t == QLatin1String("tab") || t == QLatin1String("\\t") || text == QLatin1String("\t"))
        return '\t';
    if (t == QLatin1String("comma"))
        return ',';
    if (t == QLatin1String("semicolon"))
        return ';';
    if (t == QLatin1String("pipe"))
        return '|';
    if (text.size() == 1 && text[0].unicode() < 128 && text[0] != QLatin1Char('"') && text[0] != QLatin1Char('\n'))
        return text[0].toLatin1();
    return std::nullopt;
}

QString delimiterName(char delimiter)
{
    switch (delimiter) {
    case ',':
        return QStringLiteral("comma");
    case ';':
        return QStringLiteral("semicolon");
    case '\t':
        return QStringLiteral("tab");
    case '|':
        return QStringLiteral("pipe");
    default:
        return QString(QLatin1Char(delimiter));
    }
}

} // namespace bidlab::aggregate
