// SPDX-License-Identifier: MIT
#include "core/train/dataset_loader.h"

#include "core/bidding/ctr_model.h"
#include "core/common/csv_reader.h"

#include <cmath>
#include <optional>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace bidlab::train {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DatasetLoader", text);
}

constexpr int kCriteoFields = 40; // label, I1..I13, C1..C26
constexpr int kCriteoDense = 13;

QString fieldText(std::string_view field)
{
    return QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size()));
}

// Where each role sits in a record, once the header and the mapping are resolved.
struct Layout
{
    bool criteo = false;
    bool header = true;
    csv::Dialect dialect;
    int columnCount = 0; // fields a CSV record must have
    int label = -1;
    int truth = -1;
    std::vector<int> dense;
    std::vector<int> categorical;
    QStringList denseNames;
    QStringList categoricalNames;
    QStringList log1p;
};

bool looksLikeCriteo(const std::vector<std::string_view>& first, char delimiter)
{
    return delimiter == '\t' && first.size() >= 14 && first.size() <= std::size_t(kCriteoFields)
        && (first[0] == "0" || first[0] == "1");
}

Layout criteoLayout(const ColumnMapping& mapping)
{
    Layout layout;
    layout.criteo = true;
    layout.header = false;
    layout.dialect.delimiter = '\t';
    layout.columnCount = kCriteoFields;
    layout.label = 0;
    for (int i = 1; i <= kCriteoDense; ++i) {
        layout.dense.push_back(i);
        layout.denseNames << QStringLiteral("I%1").arg(i);
    }
    for (int i = kCriteoDense + 1; i < kCriteoFields; ++i) {
        layout.categorical.push_back(i);
        layout.categoricalNames << QStringLiteral("C%1").arg(i - kCriteoDense);
    }
    layout.log1p = mapping.log1p.isEmpty() ? layout.denseNames : mapping.log1p;
    return layout;
}

// Index of a column named in the mapping: a header name or "#N" (1-based position).
std::optional<int> resolveColumn(const QString& name, const QStringList& names)
{
    if (name.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const int position = name.mid(1).toInt(&ok);
        if (ok && position >= 1 && position <= names.size())
            return position - 1;
        return std::nullopt;
    }
    const qsizetype i = names.indexOf(name);
    return i >= 0 ? std::optional<int>(static_cast<int>(i)) : std::nullopt;
}

// True when every non-empty value of the column among the sample records is a number.
bool numericColumn(int column, const std::vector<std::vector<std::string>>& sample)
{
    for (const auto& record : sample) {
        if (std::size_t(column) < record.size() && !record[std::size_t(column)].empty()
            && !csv::parseDouble(record[std::size_t(column)]))
            return false;
    }
    return true;
}

Expected<Layout> csvLayout(const QString& path, const QStringList& names, const ColumnMapping& mapping,
                           const std::vector<std::vector<std::string>>& sample)
{
    Layout layout;
    layout.header = mapping.header;
    layout.columnCount = static_cast<int>(names.size());
    const QString columns = names.join(QStringLiteral(", "));
    auto resolve = [&](const QString& name, const QString& role) -> Expected<int> {
        if (const std::optional<int> i = resolveColumn(name, names))
            return *i;
        return Error { tr("The %1 column '%2' is not in '%3' (its columns: %4).").arg(role, name, path, columns) };
    };
    QString labelName = mapping.label;
    if (labelName.isEmpty()) {
        for (const char* candidate : { "label", "click", "clicked", "is_click", "y", "is_attributed" }) {
            if (names.contains(QLatin1String(candidate))) {
                labelName = QLatin1String(candidate);
                break;
            }
        }
        if (labelName.isEmpty())
            return Error { tr("No label column found in '%1': name it (its columns: %2).").arg(path, columns) };
    }
    const Expected<int> label = resolve(labelName, tr("label"));
    if (!label)
        return Error { label.error() };
    layout.label = *label;
    std::vector<bool> taken(std::size_t(names.size()), false);
    taken[std::size_t(layout.label)] = true;
    QString truthName = mapping.truth;
    if (truthName.isEmpty() && names.contains(QStringLiteral("p")))
        truthName = QStringLiteral("p");
    if (!truthName.isEmpty()) {
        const Expected<int> truth = resolve(truthName, tr("truth"));
        if (!truth)
            return Error { truth.error() };
        layout.truth = *truth;
        taken[std::size_t(layout.truth)] = true;
    }
    for (const QString& name : mapping.ignore) {
        const Expected<int> i = resolve(name, tr("ignored"));
        if (!i)
            return Error { i.error() };
        taken[std::size_t(*i)] = true;
    }
    auto add = [&](int column, bool dense) {
        taken[std::size_t(column)] = true;
        (dense ? layout.dense : layout.categorical).push_back(column);
        (dense ? layout.denseNames : layout.categoricalNames) << names.at(column);
    };
    if (mapping.dense.isEmpty() && mapping.categorical.isEmpty()) {
        for (int c = 0; c < names.size(); ++c) {
            if (taken[std::size_t(c)])
                continue;
            const QString& name = names.at(c);
            const bool engineCategorical = bidding::engineCategoricalFeatures().contains(name);
            add(c, !engineCategorical && (bidding::engineDenseFeatures().contains(name) || numericColumn(c, sample)));
        }
    } else {
        for (const auto& [list, dense] :
             { std::pair { &mapping.dense, true }, std::pair { &mapping.categorical, false } }) {
            for (const QString& name : *list) {
                const Expected<int> i = resolve(name, dense ? tr("dense") : tr("categorical"));
                if (!i)
                    return Error { i.error() };
                if (taken[std::size_t(*i)])
                    return Error { tr("The column '%1' of '%2' is mapped twice.").arg(name, path) };
                add(*i, dense);
            }
        }
    }
    if (layout.dense.empty() && layout.categorical.empty())
        return Error { tr("'%1' has no feature column besides the label.").arg(path) };
    layout.log1p = mapping.log1p.contains(QStringLiteral("*")) ? layout.denseNames : mapping.log1p;
    for (const QString& name : std::as_const(layout.log1p)) {
        if (!layout.denseNames.contains(name))
            return Error { tr("The log-transformed column '%1' is not a dense feature of '%2'.").arg(name, path) };
    }
    return layout;
}

// Parses one record into the row buffers; returns the reason when the record cannot be used.
QString parseRecord(const Layout& layout, const std::vector<std::string_view>& fields, std::vector<double>& dense,
                    std::vector<std::uint32_t>& categorical, std::uint8_t& label, double& truth)
{
    const int count = static_cast<int>(fields.size());
    if (layout.criteo ? count > kCriteoFields : count != layout.columnCount)
        return tr("it has %1 fields instead of %2").arg(count).arg(layout.columnCount);
    auto field = [&](int i) { return i < count ? fields[std::size_t(i)] : std::string_view(); }; // Criteo pads
    const std::optional<std::int64_t> y = csv::parseInt(field(layout.label));
    if (!y || (*y != 0 && *y != 1))
        return tr("the label '%1' is not 0 or 1").arg(fieldText(field(layout.label)));
    label = static_cast<std::uint8_t>(*y);
    for (std::size_t f = 0; f < layout.dense.size(); ++f) {
        const std::string_view text = field(layout.dense[f]);
        if (text.empty()) {
            dense[f] = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        const std::optional<double> v = csv::parseDouble(text);
        if (!v || !std::isfinite(*v))
            return tr("'%1' is '%2', not a number").arg(layout.denseNames.at(qsizetype(f)), fieldText(text));
        dense[f] = *v;
    }
    for (std::size_t f = 0; f < layout.categorical.size(); ++f)
        categorical[f] = categoryId(field(layout.categorical[f]));
    if (layout.truth >= 0) {
        const std::optional<double> p = csv::parseDouble(field(layout.truth));
        if (!p || !(*p >= 0.0 && *p <= 1.0))
            return tr("the true probability '%1' is not in [0, 1]").arg(fieldText(field(layout.truth)));
        truth = *p;
    }
    return {};
}

Expected<std::string_view> mapFile(QFile& file, const QString& path)
{
    if (!file.open(QIODevice::ReadOnly))
        return Error { tr("Cannot read the data file '%1': %2").arg(path, file.errorString()) };
    if (file.size() == 0)
        return Error { tr("The data file '%1' is empty.").arg(path) };
    const uchar* bytes = file.map(0, file.size());
    if (!bytes)
        return Error { tr("Cannot map the data file '%1': %2").arg(path, file.errorString()) };
    return csv::skipBom(std::string_view(reinterpret_cast<const char*>(bytes), std::size_t(file.size())));
}

// The first record's fields, and a sample of the next ones (to tell numbers from categories).
struct Head
{
    std::vector<std::string> first;
    std::vector<std::vector<std::string>> sample;
    csv::Dialect dialect;
};

Expected<Head> readHead(std::string_view data, const ColumnMapping& mapping, const QString& path)
{
    Head head;
    head.dialect.delimiter = mapping.delimiter
        ? mapping.delimiter
        : csv::detectDelimiter(data.substr(0, std::min<std::size_t>(data.size(), 65536)));
    if (mapping.format == ColumnMapping::Format::Criteo)
        head.dialect.delimiter = '\t';
    csv::Reader reader(data, head.dialect);
    for (int i = 0; i < 201 && reader.next(); ++i) {
        std::vector<std::string> record(reader.fields().begin(), reader.fields().end());
        (i == 0 ? head.first : head.sample.emplace_back()) = std::move(record);
    }
    if (head.first.empty())
        return Error { reader.error().empty() ? tr("The data file '%1' has no record.").arg(path)
                                              : tr("'%1': %2").arg(path, QString::fromStdString(reader.error())) };
    return head;
}

Expected<Layout> layoutFor(const Head& head, const ColumnMapping& mapping, const QString& path)
{
    const std::vector<std::string_view> first(head.first.begin(), head.first.end());
    const bool criteo = mapping.format == ColumnMapping::Format::Criteo
        || (mapping.format == ColumnMapping::Format::Auto && looksLikeCriteo(first, head.dialect.delimiter));
    if (criteo)
        return criteoLayout(mapping);
    QStringList names;
    for (std::size_t i = 0; i < head.first.size(); ++i)
        names << (mapping.header ? fieldText(head.first[i]).trimmed() : QStringLiteral("#%1").arg(i + 1));
    std::vector<std::vector<std::string>> sample = head.sample;
    if (!mapping.header)
        sample.insert(sample.begin(), head.first);
    Expected<Layout> layout = csvLayout(path, names, mapping, sample);
    if (layout)
        layout->dialect = head.dialect;
    return layout;
}

// The mapped file, its first records and the resolved layout: what loading and previewing both start from.
struct Opened
{
    std::string_view data;
    Head head;
    Layout layout;
};

Expected<Opened> openData(QFile& file, const QString& path, const ColumnMapping& mapping)
{
    const Expected<std::string_view> data = mapFile(file, path);
    if (!data)
        return Error { data.error() };
    Expected<Head> head = readHead(*data, mapping, path);
    if (!head)
        return Error { head.error() };
    Expected<Layout> layout = layoutFor(*head, mapping, path);
    if (!layout)
        return Error { layout.error() };
    return Opened { *data, std::move(head).value(), std::move(layout).value() };
}

QString describeFormat(const Layout& layout)
{
    if (layout.criteo)
        return tr("Criteo TSV");
    const char d = layout.dialect.delimiter;
    return tr("CSV ('%1')").arg(d == '\t' ? QStringLiteral("tab") : QString(QLatin1Char(d)));
}

} // namespace

std::uint32_t categoryId(std::string_view field)
{
    if (field.empty())
        return kMissingCategory;
    if (const std::optional<std::int64_t> v = csv::parseInt(field); v && *v >= 0 && *v < kMissingCategory)
        return static_cast<std::uint32_t>(*v);
    std::uint32_t h = 2166136261u; // FNV-1a
    for (const char c : field) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h == kMissingCategory ? h - 1 : h;
}

Expected<LoadedData> loadDataset(const QString& path, const ColumnMapping& mapping,
                                 const std::function<bool(double)>& progress)
{
    QFile file(path);
    const Expected<Opened> opened = openData(file, path, mapping);
    if (!opened)
        return Error { opened.error() };
    const Layout* layout = &opened->layout;
    const std::string_view* data = &opened->data;

    LoadedData out;
    out.data.denseNames = layout->denseNames;
    out.data.categoricalNames = layout->categoricalNames;
    out.log1pFeatures = layout->log1p;
    csv::Reader reader(*data, layout->dialect);
    if (layout->header)
        reader.next();
    std::vector<double> dense(layout->dense.size());
    std::vector<std::uint32_t> categorical(layout->categorical.size());
    std::uint8_t label = 0;
    double truth = std::numeric_limits<double>::quiet_NaN();
    for (std::int64_t record = 0; reader.next(); ++record) {
        if ((record & 0xFFFF) == 0 && progress && !progress(double(reader.offset()) / double(data->size())))
            return Error { tr("Reading '%1' was cancelled.").arg(path) };
        const QString why = parseRecord(*layout, reader.fields(), dense, categorical, label, truth);
        if (why.isEmpty()) {
            out.data.appendRow(dense, categorical, label, truth);
            continue;
        }
        if (out.badRows.size() < kMaxReportedBadRows)
            out.badRows.push_back({ reader.line(), why });
        ++out.badRowCount;
    }
    if (!reader.error().empty()) {
        ++out.badRowCount;
        out.badRows.push_back({ reader.line(), QString::fromStdString(reader.error()) });
    }
    if (out.data.rows() == 0)
        return Error { tr("'%1' has no usable row (%2 bad rows; the first: %3).")
                           .arg(path)
                           .arg(out.badRowCount)
                           .arg(out.badRows.empty() ? tr("none") : out.badRows.front().reason) };
    out.description = tr("%1, %2 rows, %3 dense, %4 categorical")
                          .arg(describeFormat(*layout))
                          .arg(out.data.rows())
                          .arg(out.data.denseNames.size())
                          .arg(out.data.categoricalNames.size());
    return out;
}

Expected<Preview> previewDataset(const QString& path, const ColumnMapping& mapping, int maxRows)
{
    QFile file(path);
    const Expected<Opened> opened = openData(file, path, mapping);
    if (!opened)
        return Error { opened.error() };
    const Layout* layout = &opened->layout;
    const Head* head = &opened->head;
    Preview preview;
    preview.format = describeFormat(*layout);
    if (layout->criteo) {
        preview.columns << QStringLiteral("label") << layout->denseNames << layout->categoricalNames;
    } else {
        for (std::size_t i = 0; i < head->first.size(); ++i)
            preview.columns << (layout->header ? fieldText(head->first[i]) : QStringLiteral("#%1").arg(i + 1));
    }
    std::vector<std::vector<std::string>> rows = head->sample;
    if (!layout->header)
        rows.insert(rows.begin(), head->first);
    for (std::size_t r = 0; r < rows.size() && int(r) < maxRows; ++r) {
        QStringList row;
        for (const std::string& f : rows[r])
            row << QString::fromStdString(f);
        preview.rows << row;
    }
    return preview;
}

} // namespace bidlab::train
