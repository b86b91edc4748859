// SPDX-License-Identifier: MIT
// Files of bid requests: one document per file or one per line; a bad line is reported with its line and
// field path and the other requests are kept.
#include "core/openrtb/request_file.h"
#include "tests/common/test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::openrtb;

class RequestFileTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneRequestPerLine()
    {
        const std::string text = "{\"id\":\"a\",\"imp\":[{\"id\":\"1\",\"banner\":{}}]}\r\n"
                                 "\n"
                                 "{\"id\":\"b\",\"imp\":[{\"id\":\"1\",\"banner\":{},\"bidfloor\":-1}]}\n"
                                 "{\"id\":\"c\",\"imp\":[{\"id\":\"1\",\"video\":{}}]}\n"
                                 "{\"id\":\"d\",\"imp\":[{\"id\":\"1\",\"vid\n";
        const RequestFile file = parseRequests(text, QStringLiteral("bids.jsonl"));
        QVERIFY(file.oneRequestPerLine);
        QCOMPARE(file.requests.size(), std::size_t(2));
        QCOMPARE(file.requests[0].id, std::string("a"));
        QCOMPARE(file.requests[1].id, std::string("c"));
        QCOMPARE(file.lines, (std::vector<qint64> { 1, 4 }));
        QCOMPARE(file.errors.size(), 2);
        QCOMPARE(file.errors[0], QStringLiteral("bids.jsonl, line 3: imp[0].bidfloor must not be negative, not -1."));
        QVERIFY2(file.errors[1].startsWith(QStringLiteral("bids.jsonl, line 5: The bid request is not valid JSON")),
                 qPrintable(file.errors[1]));
    }
    void onePrettyPrintedDocument()
    {
        const std::string text
            = "\xEF\xBB\xBF{\n  \"id\": \"x\",\n  \"imp\": [\n    {\"id\": \"1\", \"native\": {}}\n  ]\n}\n";
        const RequestFile file = parseRequests(text, QStringLiteral("one.json"));
        QVERIFY(!file.oneRequestPerLine);
        QVERIFY(file.errors.isEmpty());
        QCOMPARE(file.requests.size(), std::size_t(1));
        QCOMPARE(file.requests[0].imps[0].formatNames(), std::string("native"));
    }
    void syntaxErrorNamesTheLineOfTheFile()
    {
        const std::string text = "\n\n{\n  \"id\": \"x\",\n  \"imp\": [ oops ]\n}\n";
        const RequestFile file = parseRequests(text, QStringLiteral("broken.json"));
        QCOMPARE(file.requests.size(), std::size_t(0));
        QCOMPARE(file.errors.size(), 1);
        QVERIFY2(file.errors[0].startsWith(
                     QStringLiteral("broken.json: The bid request is not valid JSON: parse error at line 5")),
                 qPrintable(file.errors[0]));
    }
    void emptyAndMissingFiles()
    {
        const RequestFile empty = parseRequests("  \n\n", QStringLiteral("empty.json"));
        QCOMPARE(empty.errors, QStringList { QStringLiteral("empty.json: the file holds no bid request.") });
        const auto missing = readRequestFile(QStringLiteral("/nonexistent/bids.json"));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().startsWith(QStringLiteral("Cannot open the bid request file /nonexistent/bids.json")),
                 qPrintable(missing.error()));
    }
    void everySharedRequestFileLoads()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "openrtb/bid-requests");
        const QStringList files = QDir(folder).entryList({ QStringLiteral("*.json") });
        QCOMPARE(files.size(), 22);
        QTemporaryDir dir;
        QFile joined(dir.filePath(QStringLiteral("all.jsonl")));
        QVERIFY(joined.open(QIODevice::WriteOnly));
        for (const QString& name : files) {
            const auto file = readRequestFile(folder + QLatin1Char('/') + name);
            QVERIFY2(file.ok(), qPrintable(file.error()));
            QVERIFY2(file->errors.isEmpty(), qPrintable(file->errors.join(QLatin1Char('\n'))));
            QCOMPARE(file->requests.size(), std::size_t(1));
            // The same requests compacted one per line make a JSON Lines file.
            QFile in(folder + QLatin1Char('/') + name);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray compact = in.readAll().simplified();
            joined.write(compact + '\n');
        }
        joined.close();
        const auto all = readRequestFile(joined.fileName());
        QVERIFY2(all.ok(), qPrintable(all.error()));
        QVERIFY(all->oneRequestPerLine);
        QVERIFY2(all->errors.isEmpty(), qPrintable(all->errors.join(QLatin1Char('\n'))));
        QCOMPARE(all->requests.size(), std::size_t(22));
        QCOMPARE(all->lines.back(), qint64(22));
        QCOMPARE(all->warnings.size(), 2); // prebid's out-of-range latitude and longitude
        QVERIFY(all->warnings[0].contains(QStringLiteral(", line ")));
    }
};

BIDLAB_TEST_MAIN_CORE(RequestFileTest)
#include "test_request_file.moc"
