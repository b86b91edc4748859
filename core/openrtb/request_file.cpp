// SPDX-License-Identifier: MIT
#include "core/openrtb/request_file.h"

#include "core/openrtb/request_parser.h"

#include <simdjson.h>

#include <QFile>
#include <QFileInfo>

namespace bidlab::openrtb {

namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::string_view withoutBom(std::string_view text)
{
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    return text;
}

class Collector
{
public:
    Collector(RequestFile& out, const QString& name)
        : m_out(out)
        , m_name(name)
    { }

    // Parses one request straight into the file's list (no moves of the record); a rejected one is taken
    // out again and reported.
    void take(RequestParser& parser, std::string_view json, qint64 line)
    {
        BidRequest& request = m_out.requests.emplace_back();
        const Status status = parser.parsePaddedInto(json, request);
        if (!status) {
            m_out.requests.pop_back();
            m_out.errors << where(line) + status.error();
            return;
        }
        for (const std::string& warning : request.warnings)
            m_out.warnings << where(line) + QString::fromStdString(warning) + QLatin1Char('.');
        m_out.lines.push_back(line);
    }

private:
    QString where(qint64 line) const
    {
        return m_out.oneRequestPerLine || line > 1 ? QStringLiteral("%1, line %2: ").arg(m_name).arg(line)
                                                   : m_name + QStringLiteral(": ");
    }

    RequestFile& m_out;
    const QString& m_name;
};

// Each non-blank line is one request. `text` lies in a buffer with RequestParser::kPadding bytes after it.
void parseLines(std::string_view text, RequestParser& parser, Collector& collector)
{
    qint64 lineNumber = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        ++lineNumber;
        const std::string_view line = trimmed(text.substr(pos, end - pos));
        pos = end + 1;
        if (!line.empty())
            collector.take(parser, line, lineNumber);
    }
}

// JSON Lines when the first line alone is a whole JSON document and more follows it.
bool isOneRequestPerLine(std::string_view text)
{
    const std::size_t newline = text.find('\n');
    if (newline == std::string_view::npos)
        return false;
    const std::string_view first = trimmed(text.substr(0, newline));
    const std::string_view rest = trimmed(text.substr(newline + 1));
    if (first.empty() || rest.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return false;
    simdjson::dom::parser probe;
    return probe.parse(first.data(), first.size()).error() == simdjson::SUCCESS;
}

RequestFile parsePaddedRequests(std::string_view text, const QString& name)
{
    RequestFile out;
    out.bytes = static_cast<qint64>(text.size());
    text = withoutBom(text);
    Collector collector(out, name);
    RequestParser parser;
    out.oneRequestPerLine = isOneRequestPerLine(text);
    if (out.oneRequestPerLine) {
        const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
        out.requests.reserve(lines);
        out.lines.reserve(lines);
        parseLines(text, parser, collector);
        return out;
    }
    // One document: leading blank lines stay, so that syntax errors name lines of the file.
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out.errors << QStringLiteral("%1: the file holds no bid request.").arg(name);
        return out;
    }
    collector.take(parser, text, 1);
    return out;
}

} // namespace

RequestFile parseRequests(std::string_view text, const QString& name)
{
    const simdjson::padded_string padded(text);
    return parsePaddedRequests(std::string_view(padded.data(), padded.size()), name);
}

Expected<RequestFile> readRequestFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("Cannot open the bid request file %1: %2.").arg(path, file.errorString()) };
    const qint64 size = file.size();
    simdjson::padded_string buffer(static_cast<std::size_t>(size));
    if (file.read(buffer.data(), size) != size)
        return Error { QStringLiteral("Cannot read the bid request file %1: %2.").arg(path, file.errorString()) };
    return parsePaddedRequests(std::string_view(buffer.data(), buffer.size()), QFileInfo(path).fileName());
}

} // namespace bidlab::openrtb
