// SPDX-License-Identifier: MIT
// What the benchmarks print about the machine: the processor's name and the load averages.
#include "core/common/machine.h"
#include "tests/common/test_support.h"

#include <QRegularExpression>

class MachineTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadAverageIsThreeNumbers()
    {
        const QString load = bidlab::loadAverage();
        QVERIFY2(
            QRegularExpression(QStringLiteral("^\\d+\\.\\d\\d \\d+\\.\\d\\d \\d+\\.\\d\\d$")).match(load).hasMatch(),
            qPrintable(load));
    }
    void cpuModelIsNamedOnLinux()
    {
        const QString model = bidlab::cpuModel();
        QVERIFY(!model.isEmpty());
        QVERIFY(!model.contains(QLatin1Char(':')));
        QCOMPARE(model, model.trimmed());
    }
};

BIDLAB_TEST_MAIN_CORE(MachineTest)
#include "test_machine.moc"
