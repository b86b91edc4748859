// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <optional>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

// The test vectors of tests/fixtures/stats (made by generate_vectors.py with SciPy and statsmodels) and the
// comparison the stats tests use: 1e-9 relative, with an absolute floor of 1e-15 for values that are 0 in
// exact arithmetic and come out as rounding noise on one side.
namespace bidlab::test {

inline QJsonObject statsFixture(const char* name)
{
    QFile file(QStringLiteral(BIDLAB_SOURCE_DIR "/tests/fixtures/stats/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test vectors %s", name);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (document.isNull())
        qFatal("bad test vectors %s: %s", name, qPrintable(error.errorString()));
    return document.object();
}

inline bool close(double actual, double expected, double relative = 1e-9)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    return std::fabs(actual - expected) <= relative * std::max(std::fabs(actual), std::fabs(expected)) + 1e-15;
}

inline QByteArray mismatch(const char* what, double actual, double expected)
{
    return QByteArray(what) + ": got " + QByteArray::number(actual, 'g', 17) + ", expected "
        + QByteArray::number(expected, 'g', 17) + " (relative error "
        + QByteArray::number(std::fabs(actual - expected) / std::max(std::fabs(expected), 1e-300), 'g', 3) + ")";
}

// Writes `content` to `name` in `dir` and returns the path (test tables).
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

inline std::vector<double> doubles(const QJsonValue& value)
{
    std::vector<double> out;
    for (const QJsonValue& v : value.toArray())
        out.push_back(v.toDouble());
    return out;
}

} // namespace bidlab::test

#define BIDLAB_CLOSE(actual, expected)                                                                                 \
    do {                                                                                                               \
        const double a_ = (actual), e_ = (expected);                                                                   \
        QVERIFY2(bidlab::test::close(a_, e_), bidlab::test::mismatch(#actual, a_, e_).constData());                    \
    } while (false)
