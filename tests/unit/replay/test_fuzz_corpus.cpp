// SPDX-License-Identifier: MIT
// Every input of the fuzzers' saved corpus (tests/fuzz/corpus/<target>), crashes found included, run
// through the same targets built with g++: no crash, no broken invariant, no sanitizer report.
#include "tests/common/test_support.h"
#include "tests/fuzz/fuzz_targets.h"

#include <QDir>
#include <QFile>

using namespace bidlab;

namespace {

using Target = int (*)(const std::uint8_t*, std::size_t);

const struct
{
    const char* name;
    Target run;
} kTargets[] = {
    { "openrtb_request", &fuzz::openRtbRequest },
    { "openrtb_response", &fuzz::openRtbResponse },
    { "auction_log", &fuzz::auctionLog },
};

int replayCorpus(const QString& target, Target run)
{
    const QDir folder(QStringLiteral(BIDLAB_SOURCE_DIR "/tests/fuzz/corpus/") + target);
    int count = 0;
    for (const QString& name : folder.entryList(QDir::Files)) {
        QFile file(folder.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray input = file.readAll();
        run(reinterpret_cast<const std::uint8_t*>(input.constData()), static_cast<std::size_t>(input.size()));
        ++count;
    }
    return count;
}

} // namespace

class FuzzCorpusTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kTargets)); ++i)
            QTest::addRow("%s", kTargets[i].name) << QString::fromLatin1(kTargets[i].name) << i;
    }
    void corpus()
    {
        QFETCH(QString, target);
        QFETCH(int, index);
        const int count = replayCorpus(target, kTargets[index].run);
        QVERIFY2(count >= 20, qPrintable(QStringLiteral("only %1 inputs for %2").arg(count).arg(target)));
    }
};

BIDLAB_TEST_MAIN_CORE(FuzzCorpusTest)
#include "test_fuzz_corpus.moc"
