// SPDX-License-Identifier: MIT
#include "core/lab/task_kernels.h"
#include "core/lab/workload.h"
#include "tests/common/test_support.h"

#include <chrono>
#include <numeric>
#include <thread>
#include <vector>

using namespace bidlab::lab;

namespace {

// An independent reference: the sieve of Eratosthenes.
std::uint64_t sievePrimesBelow(std::uint64_t n)
{
    if (n < 3)
        return 0;
    std::vector<bool> composite(n, false);
    std::uint64_t count = 0;
    for (std::uint64_t i = 2; i < n; ++i) {
        if (composite[i])
            continue;
        ++count;
        for (std::uint64_t j = i * i; j < n; j += i)
            composite[j] = true;
    }
    return count;
}

} // namespace

class TaskKernelsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void primeCountsMatchKnownValues_data()
    {
        QTest::addColumn<quint64>("n");
        QTest::addColumn<quint64>("expected");
        // pi(x) counts primes <= x; the seed counts primes < n, i.e. pi(n - 1).
        QTest::addRow("0") << quint64(0) << quint64(0);
        QTest::addRow("2") << quint64(2) << quint64(0);
        QTest::addRow("3") << quint64(3) << quint64(1);
        QTest::addRow("10") << quint64(10) << quint64(4);
        QTest::addRow("100") << quint64(100) << quint64(25);
        QTest::addRow("1000") << quint64(1000) << quint64(168);
        QTest::addRow("10,000") << quint64(10'000) << quint64(1229);
        QTest::addRow("100,000 (the seed's)") << quint64(100'000) << quint64(9592);
        QTest::addRow("1,000,000") << quint64(1'000'000) << quint64(78'498);
        QTest::addRow("prime limit 7919 is excluded") << quint64(7919) << quint64(999);
        QTest::addRow("7920 includes it") << quint64(7920) << quint64(1000);
    }
    void primeCountsMatchKnownValues()
    {
        QFETCH(quint64, n);
        QFETCH(quint64, expected);
        StopWord word { 0 };
        const std::optional<std::uint64_t> count = countPrimesBelow(n, StopToken(word));
        QVERIFY(count.has_value());
        QCOMPARE(*count, expected);
    }

    void primeCountsMatchASieveEverywhereBelow3000()
    {
        StopWord word { 0 };
        for (std::uint64_t n = 0; n < 3000; ++n)
            QCOMPARE(countPrimesBelow(n, StopToken(word)).value(), sievePrimesBelow(n));
        // Around perfect squares, where int(sqrt(i)) changes.
        for (std::uint64_t root : { 31ull, 97ull, 211ull }) {
            for (std::uint64_t n = root * root - 2; n <= root * root + 2; ++n)
                QCOMPARE(countPrimesBelow(n, StopToken(word)).value(), sievePrimesBelow(n));
        }
    }

    void aStopRequestEndsAPrimeCountEarly()
    {
        StopWord word { 1 };
        QVERIFY(!countPrimesBelow(1'000'000'000, StopToken(word)).has_value());
        // A poll function is asked too, and sets the word for everyone else.
        StopWord free { 0 };
        int polls = 0;
        QVERIFY(!countPrimesBelow(1'000'000'000, StopToken(free, [&] { return ++polls >= 3; })).has_value());
        QCOMPARE(polls, 3);
        QCOMPARE(free.load(), 1u);
    }

    void streamingSumReadsEveryValueOnceFromAnyStart()
    {
        std::vector<std::uint64_t> values(5000);
        fillMemoryValues(values.data(), values.size());
        const std::uint64_t expected = std::accumulate(values.begin(), values.end(), std::uint64_t { 0 });
        QVERIFY(values[0] != values[1]);
        StopWord word { 0 };
        const MemoryView view { values.data(), values.size() };
        for (std::size_t start : { std::size_t { 0 }, std::size_t { 1 }, std::size_t { 2499 }, std::size_t { 4999 } })
            QCOMPARE(streamingSum(view, start, StopToken(word)).value(), expected);
        for (std::uint32_t index = 0; index < 50; ++index) {
            const std::size_t start = streamStart(index, values.size());
            QVERIFY(start < values.size());
            QCOMPARE(start % 8, std::size_t { 0 });
            QCOMPARE(runTask(TaskKind::Memory, values.size(), index, view, StopToken(word)).value(), expected);
        }
        QCOMPARE(streamStart(3, 0), std::size_t { 0 });
    }

    void streamingSumStopsBetweenChunks()
    {
        std::vector<std::uint64_t> values(3 << 20, 1);
        StopWord word { 1 };
        QVERIFY(!streamingSum({ values.data(), values.size() }, 0, StopToken(word)).has_value());
    }

    void tinyWorkIsDeterministicAndDependsOnTheIndex()
    {
        QCOMPARE(tinyWork(100, 7), tinyWork(100, 7));
        QVERIFY(tinyWork(100, 7) != tinyWork(100, 8));
        QVERIFY(tinyWork(100, 7) != tinyWork(101, 7));
        StopWord word { 0 };
        QCOMPARE(runTask(TaskKind::Tiny, 100, 7, {}, StopToken(word)).value(), tinyWork(100, 7));
    }

    void waitTakesItsTimeAndReturnsIt()
    {
        StopWord word { 0 };
        const auto t0 = std::chrono::steady_clock::now();
        QCOMPARE(waitMicroseconds(30'000, StopToken(word)).value(), std::uint64_t { 30'000 });
        QVERIFY(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(30));
    }

    void aStopRequestWakesAWaitAtOnce()
    {
        StopWord word { 0 };
        std::optional<std::uint64_t> result { 1 };
        std::chrono::steady_clock::duration took {};
        std::thread waiter([&] {
            const auto t0 = std::chrono::steady_clock::now();
            result = waitMicroseconds(60'000'000, StopToken(word));
            took = std::chrono::steady_clock::now() - t0;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        requestStop(word);
        waiter.join();
        QVERIFY(!result.has_value());
        QVERIFY(took < std::chrono::seconds(10)); // not the 60 s asked for
    }

    void aPollingWaitNoticesACancelWithoutAWake()
    {
        StopWord word { 0 };
        std::atomic<bool> cancel { false };
        std::optional<std::uint64_t> result { 1 };
        std::thread waiter(
            [&] { result = waitMicroseconds(60'000'000, StopToken(word, [&] { return cancel.load(); })); });
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        cancel = true; // nobody calls requestStop: the 20 ms slices find it
        waiter.join();
        QVERIFY(!result.has_value());
    }

    void workloadLimitsAreCheckedWithClearMessages()
    {
        Workload w;
        QVERIFY(validate(w).ok());
        w.n = 1;
        QVERIFY(validate(w).error().contains(QStringLiteral("primes")));
        w = Workload {};
        w.tasks = 0;
        QVERIFY(validate(w).error().contains(QStringLiteral("number of tasks")));
        w = Workload {};
        w.serialTasks = -1;
        QVERIFY(validate(w).error().contains(QStringLiteral("serial")));
        w = Workload { TaskKind::Memory, 10, 1, 0 };
        QVERIFY(validate(w).error().contains(QStringLiteral("1,024")));
        QCOMPARE(describe(Workload {}), QStringLiteral("4 × count primes below 100,000"));
        QCOMPARE(describe(Workload { TaskKind::Wait, 500, 16, 2 }), QStringLiteral("16 × wait 500 µs, after 2 serial"));
        for (int k = 0; k < kTaskKindCount; ++k) {
            const auto kind = static_cast<TaskKind>(k);
            QCOMPARE(parseTaskKind(taskKindName(kind)), std::optional<TaskKind>(kind));
            const KindLimits limits = kindLimits(kind);
            QVERIFY(limits.minimumN <= limits.defaultN && limits.defaultN <= limits.maximumN);
        }
        QVERIFY(!parseTaskKind(QStringLiteral("prime")).has_value());
    }
};

BIDLAB_TEST_MAIN_CORE(TaskKernelsTest)
#include "test_task_kernels.moc"
