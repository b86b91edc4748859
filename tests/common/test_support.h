// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QTest>

// Shared by every test: a headless environment, the real data sets, and running BidLab's programs.
namespace bidlab::test {

// Offscreen platform, per-test settings and data folders (never the user's), C locale numbers.
void prepareEnvironment();

// Absolute path of a file or folder under the shared data sets (BIDLAB_SHARED_DATA), or an empty string
// when it is absent.
QString sharedDataPath(const QString& relative);

// True when BIDLAB_REQUIRE_DATA=1: a missing data set fails instead of skipping.
bool dataRequired();

// Runs a program to its end (or kills it after timeoutMs) and captures its output.
struct ProcessResult
{
    int exitCode = -1;
    bool crashed = false;
    bool timedOut = false;
    QString out;
    QString err;
};
ProcessResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 60'000,
                         const QStringList& extraEnvironment = {});

} // namespace bidlab::test

// Declares `const QString var` holding the path of a shared data file; skips the test (or fails it when
// BIDLAB_REQUIRE_DATA=1) when the file is absent.
#define BIDLAB_SHARED_DATA_OR_SKIP(var, relative)                                                                      \
    const QString var = bidlab::test::sharedDataPath(QString::fromUtf8(relative));                                     \
    do {                                                                                                               \
        if (var.isEmpty()) {                                                                                           \
            const QByteArray why                                                                                       \
                = QByteArray("shared data set not found: ") + QByteArray(relative) + " (set BIDLAB_SHARED_DATA)";      \
            if (bidlab::test::dataRequired())                                                                          \
                QFAIL(why.constData());                                                                                \
            QSKIP(why.constData());                                                                                    \
        }                                                                                                              \
    } while (false)

// A test main for core tests (QCoreApplication) and one for GUI tests (QApplication, offscreen).
#define BIDLAB_TEST_MAIN_CORE(TestObject)                                                                              \
    int main(int argc, char** argv)                                                                                    \
    {                                                                                                                  \
        bidlab::test::prepareEnvironment();                                                                            \
        QCoreApplication app(argc, argv);                                                                              \
        TestObject test;                                                                                               \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }

#define BIDLAB_TEST_MAIN_GUI(TestObject)                                                                               \
    int main(int argc, char** argv)                                                                                    \
    {                                                                                                                  \
        bidlab::test::prepareEnvironment();                                                                            \
        QApplication app(argc, argv);                                                                                  \
        TestObject test;                                                                                               \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
