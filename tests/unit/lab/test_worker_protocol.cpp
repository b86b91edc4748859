// SPDX-License-Identifier: MIT
#include "core/engine/ipc/shared_memory.h"
#include "core/lab/task_kernels.h"
#include "core/lab/worker_loop.h"
#include "core/lab/worker_protocol.h"
#include "tests/common/test_support.h"

#include <chrono>
#include <cstring>
#include <thread>

using namespace bidlab;
using namespace bidlab::lab;

namespace {

// The parent's side of one worker slot, driven by hand; the worker runs its real loop on a thread.
struct Harness
{
    ipc::SharedMemory segment;
    std::optional<PoolLayout> pool;
    std::thread worker;

    explicit Harness(int workers = 1)
    {
        segment = ipc::SharedMemory::create("test-lab-pool", PoolLayout::bytesFor(workers)).value();
        pool = PoolLayout::format(segment.data(), workers, 0);
    }
    ~Harness()
    {
        if (worker.joinable()) {
            requestStop(pool->header().stop);
            pool->orders(0).control()->notEmpty.notify();
            worker.join();
        }
    }
    void start(int slot = 0)
    {
        worker = std::thread([this, slot] { runWorkerLoop(*pool, slot, {}); });
    }
    bool waitFor(WorkerState state, int slot = 0)
    {
        for (int i = 0; i < 10'000; ++i) {
            if (pool->worker(slot).state.load() == state)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return false;
    }
};

} // namespace

class WorkerProtocolTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void layoutIsCacheLineAligned()
    {
        QCOMPARE(sizeof(PoolHeader) % 64, std::size_t { 0 });
        QCOMPARE(sizeof(WorkerRecord), std::size_t { 64 });
        QCOMPARE(PoolLayout::bytesFor(2), sizeof(PoolHeader) + 2 * 64 + 2 * 2 * (192 + kRingCapacity * 32));
        Harness h(3);
        const auto* base = static_cast<const char*>(h.segment.data());
        for (int slot = 0; slot < 3; ++slot) {
            QCOMPARE((reinterpret_cast<const char*>(h.pool->orders(slot).control()) - base) % 64, 0);
            QCOMPARE((reinterpret_cast<const char*>(h.pool->reports(slot).control()) - base) % 64, 0);
        }
        // The last ring ends exactly at the end of the segment.
        const auto* lastEnd = reinterpret_cast<const char*>(h.pool->reports(2).control())
            + ipc::SpscRing<TaskReport>::bytesFor(kRingCapacity);
        QCOMPARE(static_cast<std::size_t>(lastEnd - base), PoolLayout::bytesFor(3));
    }

    void openRefusesWhatIsNotAPool()
    {
        Harness h(2);
        QVERIFY(PoolLayout::open(h.segment.data(), h.segment.size(), 1).ok());
        QVERIFY(PoolLayout::open(h.segment.data(), h.segment.size(), 2).error().contains(QStringLiteral("slot 2")));
        QVERIFY(PoolLayout::open(h.segment.data(), 100, 0).error().contains(QStringLiteral("smaller")));
        QVERIFY(
            PoolLayout::open(h.segment.data(), h.segment.size() - 1, 0).error().contains(QStringLiteral("smaller")));
        h.pool->header().ringCapacity = 100; // not a power of two
        QVERIFY(PoolLayout::open(h.segment.data(), h.segment.size(), 0).error().contains(QStringLiteral("corrupt")));
        h.pool->header().magic = 0;
        QVERIFY(PoolLayout::open(h.segment.data(), h.segment.size(), 0).error().contains(QStringLiteral("not a lab")));
    }

    void aWorkerAnswersEveryOrderInOrderThenQuits()
    {
        Harness h;
        h.start();
        QVERIFY(h.waitFor(WorkerState::Ready));
        QVERIFY(h.pool->worker(0).readyNs.load() > 0);
        auto orders = h.pool->orders(0);
        auto reports = h.pool->reports(0);
        // More orders than a ring holds, in batches, so that both rings wrap around.
        constexpr std::uint32_t kTotal = 1000;
        std::uint32_t sent = 0;
        std::uint32_t received = 0;
        StopWord none { 0 };
        while (received < kTotal) {
            // At most 200 in flight: the worker's report ring (256) can never fill up.
            const std::uint64_t batch
                = std::min<std::uint64_t>({ orders.freeSpace(), kTotal - sent, 200 - (sent - received) });
            std::uint64_t head = orders.head();
            for (std::uint64_t k = 0; k < batch; ++k)
                orders.slot(head++) = TaskOrder { sent++, OrderCommand::Run, std::uint16_t(TaskKind::Tiny), 50, {} };
            if (batch > 0)
                orders.publish(head);
            std::uint64_t tail = reports.tail();
            const std::size_t available = reports.available();
            for (std::size_t k = 0; k < available; ++k) {
                const TaskReport& r = reports.at(tail++);
                QCOMPARE(r.index, received); // one worker answers in order
                QCOMPARE(r.status, ReportStatus::Done);
                QCOMPARE(r.value, tinyWork(50, received));
                ++received;
            }
            reports.consume(tail);
            if (available == 0)
                std::this_thread::yield();
        }
        const std::uint64_t head = orders.head();
        orders.slot(head) = TaskOrder { 0, OrderCommand::Quit, 0, 0, {} };
        orders.publish(head + 1);
        QVERIFY(h.waitFor(WorkerState::Exited));
        h.worker.join();
        QVERIFY(h.pool->worker(0).cpuNs.load() > 0);
    }

    void aStopWakesAnIdleWorkerAndEndsARunningTask()
    {
        Harness h;
        h.start();
        QVERIFY(h.waitFor(WorkerState::Ready));
        auto orders = h.pool->orders(0);
        orders.slot(0) = TaskOrder { 0, OrderCommand::Run, std::uint16_t(TaskKind::Wait), 60'000'000, {} }; // 60 s
        orders.publish(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto t0 = std::chrono::steady_clock::now();
        requestStop(h.pool->header().stop);
        QVERIFY(h.waitFor(WorkerState::Exited));
        h.worker.join();
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
        auto reports = h.pool->reports(0);
        QCOMPARE(reports.available(), std::size_t { 1 });
        QCOMPARE(reports.at(0).status, ReportStatus::Stopped);

        Harness idle;
        idle.start();
        QVERIFY(idle.waitFor(WorkerState::Ready));
        std::this_thread::sleep_for(std::chrono::milliseconds(20)); // asleep on its ring
        requestStop(idle.pool->header().stop);
        idle.pool->orders(0).control()->notEmpty.notify();
        QVERIFY(idle.waitFor(WorkerState::Exited));
        idle.worker.join();
    }
};

BIDLAB_TEST_MAIN_CORE(WorkerProtocolTest)
#include "test_worker_protocol.moc"
