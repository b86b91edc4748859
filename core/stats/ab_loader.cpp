// SPDX-License-Identifier: MIT
#include "core/stats/ab_loader.h"

#include "core/common/csv_reader.h"
#include "core/stats/translation.h"

#include <cmath>
#include <string_view>

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

namespace bidlab::stats {

namespace {

using detail::tr;

// One input file, read whole.
struct InputFile
{
    QString name; // without the folder
    QByteArray bytes;
    std::string_view data; // without the BOM
    csv::Dialect dialect;
    QStringList header;
    ColumnMap columns;
    std::int64_t firstDataLine = 2;
};

TableShape shapeOf(const ColumnMap& columns)
{
    if (columns.has(Role::User))
        return TableShape::PerUnit;
    if (columns.has(Role::Date))
        return TableShape::Daily;
    if (columns.has(Role::Exposures))
        return TableShape::Aggregated;
    return TableShape::PerUnit; // every row is one unit
}

// One row's values; absent roles keep their defaults.
struct RowValues
{
    QString experiment;
    QString arm;
    QString key; // user or date
    std::int64_t exposures = 1;
    std::int64_t clicks = 0;
    std::int64_t conversions = 0;
    std::int64_t declined = 0;
    Micros revenue = 0;
    Micros cost = 0;
    double revenueSquares = 0;
};

std::optional<std::int64_t> wordAsCount(std::string_view field)
{
    QString word = QString::fromUtf8(field.data(), qsizetype(field.size())).trimmed().toLower();
    if (word == QLatin1String("yes") || word == QLatin1String("true"))
        return 1;
    if (word == QLatin1String("no") || word == QLatin1String("false"))
        return 0;
    return std::nullopt;
}

// Parses the fields of one record; a failure is the reason, as a phrase.
class RowParser
{
public:
    RowParser(const InputFile& file, TableShape shape)
        : m_file(file)
        , m_shape(shape)
    { }

    std::optional<QString> parse(const std::vector<std::string_view>& fields, RowValues* row) const
    {
        if (fields.size() != std::size_t(m_file.header.size()))
            return tr("it has %1 fields where the header has %2").arg(fields.size()).arg(m_file.header.size());
        std::optional<QString> problem;
        auto take = [&](Role role, auto parse) {
            if (!problem && m_file.columns.has(role))
                problem = parse(fields[std::size_t(m_file.columns[role])], header(role));
        };
        take(Role::Experiment, [&](std::string_view f, const QString& h) { return text(f, h, &row->experiment); });
        take(Role::Arm, [&](std::string_view f, const QString& h) { return text(f, h, &row->arm); });
        take(Role::User, [&](std::string_view f, const QString& h) { return text(f, h, &row->key); });
        if (!m_file.columns.has(Role::User))
            take(Role::Date, [&](std::string_view f, const QString& h) { return text(f, h, &row->key); });
        take(Role::Exposures, [&](std::string_view f, const QString& h) { return count(f, h, &row->exposures); });
        take(Role::Clicks, [&](std::string_view f, const QString& h) { return count(f, h, &row->clicks); });
        take(Role::Conversions, [&](std::string_view f, const QString& h) { return count(f, h, &row->conversions); });
        take(Role::Declined, [&](std::string_view f, const QString& h) { return count(f, h, &row->declined); });
        take(Role::Revenue, [&](std::string_view f, const QString& h) { return money(f, h, &row->revenue); });
        take(Role::Cost, [&](std::string_view f, const QString& h) { return money(f, h, &row->cost); });
        take(Role::RevenueSquares,
             [&](std::string_view f, const QString& h) { return number(f, h, &row->revenueSquares); });
        if (!problem && answersYesAndNo())
            problem = yesNoAnswer(row);
        return problem;
    }

private:
    QString header(Role role) const { return m_file.header.value(m_file.columns[role]); }

    bool answersYesAndNo() const
    {
        return m_shape == TableShape::PerUnit && m_file.columns.has(Role::Declined)
            && m_file.columns.has(Role::Conversions);
    }

    // A user who answered neither yes nor no did not respond: no exposure for the rates.
    std::optional<QString> yesNoAnswer(RowValues* row) const
    {
        if (row->conversions > 0 && row->declined > 0)
            return tr("the user answered both '%1' and '%2'").arg(header(Role::Conversions), header(Role::Declined));
        if (!m_file.columns.has(Role::Exposures))
            row->exposures = row->conversions > 0 || row->declined > 0 ? 1 : 0;
        return std::nullopt;
    }

    static std::optional<QString> text(std::string_view field, const QString& header, QString* out)
    {
        *out = QString::fromUtf8(field.data(), qsizetype(field.size())).trimmed();
        if (out->isEmpty())
            return tr("'%1' is empty").arg(header);
        return std::nullopt;
    }

    std::optional<QString> count(std::string_view field, const QString& header, std::int64_t* out) const
    {
        if (isBlank(field))
            return tr("'%1' is empty").arg(header);
        std::optional<std::int64_t> value = csv::parseInt(field);
        if (!value) {
            const std::optional<double> d = csv::parseDouble(field);
            if (d && std::floor(*d) == *d && std::fabs(*d) < 9.0e15)
                value = std::int64_t(*d);
        }
        if (!value && m_shape == TableShape::PerUnit)
            value = wordAsCount(field);
        if (!value)
            return tr("'%1' is not a whole number: '%2'").arg(header, quoted(field));
        if (*value < 0)
            return tr("'%1' is negative (%2)").arg(header).arg(*value);
        *out = *value;
        return std::nullopt;
    }

    static std::optional<QString> money(std::string_view field, const QString& header, Micros* out)
    {
        if (isBlank(field))
            return tr("'%1' is empty").arg(header);
        const std::optional<Micros> value = parseMicros(field);
        if (!value)
            return tr("'%1' is not an amount of money: '%2'").arg(header, quoted(field));
        *out = *value;
        return std::nullopt;
    }

    static std::optional<QString> number(std::string_view field, const QString& header, double* out)
    {
        if (isBlank(field))
            return tr("'%1' is empty").arg(header);
        const std::optional<double> value = csv::parseDouble(field);
        if (!value || !std::isfinite(*value) || *value < 0)
            return tr("'%1' is not a non-negative number: '%2'").arg(header, quoted(field));
        *out = *value;
        return std::nullopt;
    }

    static bool isBlank(std::string_view field) { return field.find_first_not_of(" \t") == std::string_view::npos; }

    static QString quoted(std::string_view field)
    {
        QString text = QString::fromUtf8(field.data(), qsizetype(std::min<std::size_t>(field.size(), 40)));
        return field.size() > 40 ? text + QStringLiteral("…") : text;
    }

    const InputFile& m_file;
    TableShape m_shape;
};

// Adds rows up into experiments, arms and units.
class Builder
{
public:
    Builder(TableShape shape, QString defaultExperiment, bool hasDeclined)
        : m_shape(shape)
        , m_defaultExperiment(std::move(defaultExperiment))
        , m_hasDeclined(hasDeclined)
    {
        m_data.shape = shape;
    }

    Dataset& data() { return m_data; }

    void add(const RowValues& row)
    {
        const int e = experimentIndex(row.experiment.isEmpty() ? m_defaultExperiment : row.experiment);
        Index& index = m_index[std::size_t(e)];
        const int a = armIndex(e, row.arm);
        Arm& arm = m_data.experiments[std::size_t(e)].arms[std::size_t(a)];
        arm.exposures += row.exposures;
        arm.clicks += row.clicks;
        arm.conversions += row.conversions;
        arm.revenue += row.revenue;
        arm.cost += row.cost;
        arm.revenueSquares += row.revenueSquares;
        if (m_shape != TableShape::PerUnit)
            arm.assigned += row.exposures;
        if (m_shape == TableShape::Aggregated)
            return;
        // A unit: a day of this arm, or a user (whose rows are added up); a row without a key is a unit.
        std::size_t unit = arm.units.size();
        if (!row.key.isEmpty())
            unit = unitIndex(index, a, row, unit);
        if (unit == arm.units.size())
            appendUnit(arm);
        UnitColumns& u = arm.units;
        u.exposures[unit] += row.exposures;
        u.clicks[unit] += row.clicks;
        u.conversions[unit] += row.conversions;
        u.revenue[unit] += row.revenue;
        u.cost[unit] += row.cost;
    }

    void finish(const QString& control)
    {
        int defaulted = 0;
        QString example;
        for (Experiment& experiment : m_data.experiments) {
            const int c = controlIndex(experiment, control);
            if (c < 0 && experiment.arms.size() > 1) {
                ++defaulted;
                if (example.isEmpty())
                    example = tr("'%1' in '%2'").arg(experiment.arms.front().name, experiment.name);
            }
            if (c > 0)
                std::rotate(experiment.arms.begin(), experiment.arms.begin() + c, experiment.arms.begin() + c + 1);
            for (Arm& arm : experiment.arms)
                finishArm(arm, experiment);
        }
        if (defaulted > 0 && control.isEmpty())
            m_data.notes << tr("%n experiment(s) have no arm called 'control' (or 'baseline'); their first arm seen is "
                               "the control, for example %1.",
                               nullptr, defaulted)
                                .arg(example);
        else if (defaulted > 0)
            m_data.notes << tr("%n experiment(s) have no arm named '%1'; their first arm seen is the control, for "
                               "example %2.",
                               nullptr, defaulted)
                                .arg(control, example);
        if (!m_crossovers.isEmpty())
            m_data.notes << tr("%n user(s) appear in more than one arm; each of their rows counts in its own arm. "
                               "Assignment or logging may be broken.",
                               nullptr, int(m_crossovers.size()));
    }

private:
    struct Index
    {
        QHash<QString, int> arms;
        QHash<QString, std::pair<int, std::size_t>> units; // user or arm+day -> (arm, unit)
        QHash<QString, std::size_t> crossoverUnits; // arm+user -> unit, for users seen in another arm first
    };

    int experimentIndex(const QString& name)
    {
        const auto found = m_experiments.constFind(name);
        if (found != m_experiments.cend())
            return *found;
        m_data.experiments.push_back(Experiment { name, {} });
        m_index.emplace_back();
        const int e = int(m_data.experiments.size() - 1);
        m_experiments.insert(name, e);
        return e;
    }

    int armIndex(int e, const QString& name)
    {
        Index& index = m_index[std::size_t(e)];
        const auto found = index.arms.constFind(name);
        if (found != index.arms.cend())
            return *found;
        std::vector<Arm>& arms = m_data.experiments[std::size_t(e)].arms;
        Arm arm;
        arm.name = name;
        arms.push_back(std::move(arm));
        index.arms.insert(name, int(arms.size() - 1));
        return int(arms.size() - 1);
    }

    // The unit of a day or user, or `fresh` (the next unit of the arm) when it is new. A user already seen in
    // another arm is a crossover: counted, and given a unit of their own in this arm too.
    std::size_t unitIndex(Index& index, int arm, const RowValues& row, std::size_t fresh)
    {
        const QChar separator(0x1f);
        const QString key = m_shape == TableShape::Daily ? row.arm + separator + row.key : row.key;
        const auto found = index.units.constFind(key);
        if (found == index.units.cend()) {
            index.units.insert(key, { arm, fresh });
            return fresh;
        }
        if (found->first == arm)
            return found->second;
        m_crossovers.insert(row.key);
        const QString armKey = row.arm + separator + row.key;
        const auto again = index.crossoverUnits.constFind(armKey);
        if (again != index.crossoverUnits.cend())
            return *again;
        index.crossoverUnits.insert(armKey, fresh);
        return fresh;
    }

    static void appendUnit(Arm& arm)
    {
        arm.units.exposures.push_back(0);
        arm.units.clicks.push_back(0);
        arm.units.conversions.push_back(0);
        arm.units.revenue.push_back(0);
        arm.units.cost.push_back(0);
    }

    // The arm named `control`, else one whose name says control; -1 when neither exists.
    static int controlIndex(const Experiment& experiment, const QString& control)
    {
        static const QRegularExpression controlName(
            QStringLiteral("\\b(control|ctrl|baseline|holdout|original)\\b|^a$"),
            QRegularExpression::CaseInsensitiveOption);
        for (std::size_t i = 0; i < experiment.arms.size(); ++i) {
            const QString& name = experiment.arms[i].name;
            if (control.isEmpty() ? controlName.match(name).hasMatch()
                                  : name.compare(control, Qt::CaseInsensitive) == 0)
                return int(i);
        }
        return -1;
    }

    void finishArm(Arm& arm, const Experiment& experiment)
    {
        if (m_shape != TableShape::PerUnit)
            return;
        arm.assigned = std::int64_t(arm.units.size());
        if (!m_hasDeclined)
            return;
        arm.nonResponders = std::count(arm.units.exposures.begin(), arm.units.exposures.end(), 0);
        if (arm.nonResponders > 0) {
            const QLocale c = QLocale::c();
            m_data.notes << tr("%1, arm '%2': %3 of %4 users answered neither yes nor no; the rates count the %5 "
                               "who answered.")
                                .arg(experiment.name, arm.name, c.toString(arm.nonResponders), c.toString(arm.assigned),
                                     c.toString(arm.exposures));
        }
    }

    TableShape m_shape;
    QString m_defaultExperiment;
    bool m_hasDeclined;
    Dataset m_data;
    QHash<QString, int> m_experiments;
    std::vector<Index> m_index;
    QSet<QString> m_crossovers;
};

// The file's bytes, all of them or the first `limit`.
Expected<QByteArray> readBytes(const QString& path, qint64 limit = -1)
{
    QFile file(path);
    if (!file.exists())
        return Error { tr("The file '%1' does not exist.").arg(path) };
    if (!file.open(QIODevice::ReadOnly))
        return Error { tr("Cannot read '%1': %2.").arg(path, file.errorString()) };
    return limit < 0 ? file.readAll() : file.read(limit);
}

// The first record of the data, trimmed.
Expected<QStringList> headerOf(std::string_view data, const csv::Dialect& dialect, const QString& path)
{
    csv::Reader reader(data, dialect);
    if (!reader.next()) {
        return Error { reader.error().empty() ? tr("'%1' is empty.").arg(path)
                                              : tr("'%1': %2.").arg(path, QString::fromStdString(reader.error())) };
    }
    QStringList header;
    for (std::string_view field : reader.fields())
        header << QString::fromUtf8(field.data(), qsizetype(field.size())).trimmed();
    return header;
}

csv::Dialect dialectFor(std::string_view data, char delimiter)
{
    csv::Dialect dialect;
    dialect.delimiter = delimiter ? delimiter : csv::detectDelimiter(data.substr(0, 64 * 1024));
    return dialect;
}

Expected<InputFile> openInput(const QString& path, const LoadOptions& options)
{
    InputFile input;
    input.name = QFileInfo(path).fileName();
    Expected<QByteArray> bytes = readBytes(path);
    if (!bytes)
        return Error { bytes.error() };
    input.bytes = std::move(bytes).value();
    input.data = csv::skipBom(std::string_view(input.bytes.constData(), std::size_t(input.bytes.size())));
    input.dialect = dialectFor(input.data, options.delimiter);
    Expected<QStringList> header = headerOf(input.data, input.dialect, path);
    if (!header)
        return Error { header.error() };
    input.header = *header;
    Expected<ColumnMap> columns = mapColumns(input.header, options.columns, input.name);
    if (!columns)
        return Error { columns.error() };
    input.columns = *columns;
    return input;
}

QString defaultExperimentName(const QStringList& paths)
{
    QStringList names;
    for (const QString& path : paths)
        names << QFileInfo(path).completeBaseName();
    return names.join(QStringLiteral(" + "));
}

} // namespace

Expected<QStringList> readHeader(const QString& path, char delimiter)
{
    const Expected<QByteArray> bytes = readBytes(path, 64 * 1024);
    if (!bytes)
        return Error { bytes.error() };
    const std::string_view data = csv::skipBom(std::string_view(bytes->constData(), std::size_t(bytes->size())));
    return headerOf(data, dialectFor(data, delimiter), path);
}

Expected<Dataset> loadDataset(const QStringList& paths, const LoadOptions& options)
{
    if (paths.isEmpty())
        return Error { tr("No file to read.") };
    std::vector<InputFile> inputs;
    qint64 totalBytes = 0;
    for (const QString& path : paths) {
        Expected<InputFile> input = openInput(path, options);
        if (!input)
            return Error { input.error() };
        totalBytes += input->bytes.size();
        inputs.push_back(std::move(input).value());
    }
    const TableShape shape = shapeOf(inputs.front().columns);
    for (const InputFile& input : inputs) {
        if (shapeOf(input.columns) != shape)
            return Error { tr("'%1' has %2 but '%3' has %4; read them separately.")
                               .arg(inputs.front().name, shapeLabel(shape), input.name,
                                    shapeLabel(shapeOf(input.columns))) };
    }

    Builder builder(shape, defaultExperimentName(paths), inputs.front().columns.has(Role::Declined));
    Dataset& data = builder.data();
    data.files = paths;
    data.columns = inputs.front().columns;
    data.headers = inputs.front().header;
    qint64 bytesBefore = 0;
    auto reject = [&data](const QString& file, std::int64_t line, const QString& reason) {
        ++data.rejectedRows;
        if (data.problems.size() < Dataset::kMaxProblems)
            data.problems.push_back(RowProblem { file, line, reason });
    };
    for (const InputFile& input : inputs) {
        const RowParser parser(input, shape);
        csv::Reader reader(input.data, input.dialect);
        reader.next(); // the header
        while (reader.next()) {
            ++data.rows;
            RowValues row;
            if (const std::optional<QString> problem = parser.parse(reader.fields(), &row))
                reject(input.name, reader.line(), *problem);
            else
                builder.add(row);
            if (data.rows % 8192 == 0) {
                if (options.stop && options.stop())
                    return Error { tr("Loading was cancelled.") };
                if (options.progress)
                    options.progress(double(bytesBefore + qint64(reader.offset()))
                                     / double(std::max<qint64>(1, totalBytes)));
            }
        }
        if (!reader.error().empty())
            reject(input.name, reader.line(),
                   tr("%1; the rest of the file could not be read").arg(QString::fromStdString(reader.error())));
        bytesBefore += input.bytes.size();
    }
    if (data.experiments.empty()) {
        const QString first = data.problems.empty() ? tr("there are no data rows.") : data.problems.front().message();
        return Error { tr("No usable row in %1: %2").arg(paths.join(QStringLiteral(", ")), first) };
    }
    builder.finish(options.control);
    if (options.progress)
        options.progress(1.0);
    return std::move(data);
}

} // namespace bidlab::stats
