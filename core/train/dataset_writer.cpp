// SPDX-License-Identifier: MIT
#include "core/train/dataset_writer.h"

#include "core/common/atomic_file.h"

#include <charconv>
#include <cmath>
#include <string>

#include <QCoreApplication>
#include <QIODevice>

namespace bidlab::train {

namespace {

void appendNumber(std::string& out, double value)
{
    if (std::isnan(value))
        return;
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value); // shortest exact form
    out.append(buffer, end);
}

void appendId(std::string& out, std::uint32_t id)
{
    if (id == kMissingCategory)
        return;
    char buffer[16];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, id);
    out.append(buffer, end);
}

} // namespace

Status writeDatasetCsv(const Dataset& data, const QString& path, const std::function<bool(double)>& progress)
{
    return writeFileAtomically(path, [&](QIODevice& device, QString* error) {
        QStringList header = data.denseNames + data.categoricalNames;
        if (data.hasTruth())
            header << QStringLiteral("p");
        header << QStringLiteral("click");
        std::string buffer = header.join(QLatin1Char(',')).toStdString() + '\n';
        auto flush = [&](double done) {
            if (device.write(buffer.data(), qint64(buffer.size())) != qint64(buffer.size())) {
                *error = QCoreApplication::translate("DatasetWriter", "Writing '%1' failed: %2")
                             .arg(path, device.errorString());
                return false;
            }
            buffer.clear();
            if (progress && !progress(done)) {
                *error = QCoreApplication::translate("DatasetWriter", "Writing '%1' was cancelled.").arg(path);
                return false;
            }
            return true;
        };
        for (std::size_t i = 0; i < data.rows(); ++i) {
            for (const auto& column : data.dense) {
                appendNumber(buffer, column[i]);
                buffer += ',';
            }
            for (const auto& column : data.categorical) {
                appendId(buffer, column[i]);
                buffer += ',';
            }
            if (data.hasTruth()) {
                appendNumber(buffer, data.truth[i]);
                buffer += ',';
            }
            buffer += data.labels[i] ? '1' : '0';
            buffer += '\n';
            if (buffer.size() > (1u << 20) && !flush(double(i + 1) / double(data.rows())))
                return false;
        }
        if (!flush(1.0))
            return false;
        return true;
    });
}

} // namespace bidlab::train
