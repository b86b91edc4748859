// SPDX-License-Identifier: MIT
#include "core/anomaly/nab_labels.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QHash>

namespace bidlab::anomaly {

namespace {

QString withoutMicroseconds(QString text)
{
    if (text.endsWith(QLatin1String(".000000")))
        text.chop(7);
    return text;
}

} // namespace

Expected<NabWindowLabels> readNabWindowLabels(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("Cannot open the labels file '%1': %2.").arg(path, file.errorString()) };
    const QByteArray bytes = file.readAll();
    const nlohmann::json root = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr,
                                                      /*allow_exceptions=*/false);
    if (root.is_discarded() || !root.is_object())
        return Error {
            QStringLiteral("The labels file '%1' is not a JSON object of file names to windows.").arg(path)
        };
    NabWindowLabels labels;
    for (const auto& [key, windows] : root.items()) {
        const QString name = QString::fromStdString(key);
        if (!windows.is_array())
            return Error { QStringLiteral("%1: the windows of '%2' are not a list.").arg(path, name) };
        auto& list = labels[name];
        for (const auto& window : windows) {
            if (!window.is_array() || window.size() != 2 || !window[0].is_string() || !window[1].is_string())
                return Error { QStringLiteral("%1: a window of '%2' is not a pair of timestamps.").arg(path, name) };
            list.append({ QString::fromStdString(window[0].get<std::string>()),
                          QString::fromStdString(window[1].get<std::string>()) });
        }
    }
    return labels;
}

Expected<std::vector<NabWindow>> matchWindows(const TimeSeries& series, const QList<QPair<QString, QString>>& labels)
{
    QHash<QString, qsizetype> rowOf;
    rowOf.reserve(series.timestampTexts.size());
    for (qsizetype i = 0; i < series.timestampTexts.size(); ++i)
        rowOf.insert(withoutMicroseconds(series.timestampTexts.at(i)), i);
    std::vector<NabWindow> windows;
    for (const auto& [start, end] : labels) {
        const auto first = rowOf.constFind(withoutMicroseconds(start));
        const auto last = rowOf.constFind(withoutMicroseconds(end));
        if (first == rowOf.cend() || last == rowOf.cend())
            return Error { QStringLiteral("%1: the labelled window [%2, %3] does not match the file's timestamps.")
                               .arg(series.source, start, end) };
        if (*last < *first)
            return Error {
                QStringLiteral("%1: the labelled window [%2, %3] ends before it starts.").arg(series.source, start, end)
            };
        windows.push_back({ *first, *last });
    }
    return windows;
}

std::vector<int> windowLabels(qsizetype rows, const std::vector<NabWindow>& windows)
{
    std::vector<int> labels(static_cast<std::size_t>(rows), 0);
    for (const NabWindow& window : windows) {
        for (qsizetype i = std::max<qsizetype>(0, window.first); i <= window.last && i < rows; ++i)
            labels[static_cast<std::size_t>(i)] = 1;
    }
    return labels;
}

} // namespace bidlab::anomaly
