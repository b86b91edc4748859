// SPDX-License-Identifier: MIT
#include "core/lab/worker_loop.h"

#include "core/engine/ipc/cycle_clock.h"
#include "core/lab/cpu_clock.h"

#include <sched.h>
#include <unistd.h>

namespace bidlab::lab {

namespace {

// Reports go out in batches: after this much task time has accumulated (17–65 µs on 1–4 GHz clocks), or when
// the ring has no more orders. Long tasks are reported one by one, tiny ones a few hundred at a time. Publishing
// costs one store; waking the parent costs a system call and a context switch on each side, so the worker wakes
// it only when that is useful: when it has done at least as many orders as it has left (the parent can top
// the ring up), and when its ring is empty (the parent must refill it, or collect the last results).
constexpr std::uint64_t kPublishTicks = 65'536;
// A safety net only: the parent always rings the order ring's wait word after publishing or stopping.
constexpr std::int64_t kIdleTimeoutNs = 1'000'000'000;

class Worker
{
public:
    Worker(const PoolLayout& pool, int slot, const MemoryView& memory)
        : m_header(pool.header())
        , m_record(pool.worker(slot))
        , m_orders(pool.orders(slot))
        , m_reports(pool.reports(slot))
        , m_memory(memory)
        , m_stop(m_header.stop)
    { }

    void run()
    {
        m_record.pid.store(static_cast<std::int32_t>(getpid()), std::memory_order_relaxed);
        m_record.readyNs.store(ipc::steadyNowNs(), std::memory_order_relaxed);
        m_record.state.store(WorkerState::Ready, std::memory_order_release);
        m_header.reports.notify();
        while (!m_quit && !m_stop.stopRequested()) {
            if (m_orders.available() == 0)
                sleepUntilOrders();
            else
                runAvailableOrders();
        }
        m_record.cpuNs.store(processCpuNs(), std::memory_order_relaxed);
        m_record.state.store(WorkerState::Exited, std::memory_order_release);
        m_header.reports.notify();
    }

private:
    void sleepUntilOrders()
    {
        ipc::WaitWord& bell = m_orders.control()->notEmpty;
        const std::uint32_t token = bell.prepareWait();
        if (m_orders.available() != 0 || m_stop.stopRequested()) {
            bell.cancelWait();
            return;
        }
        bell.wait(token, kIdleTimeoutNs);
    }

    void runAvailableOrders()
    {
        std::uint64_t position = m_orders.tail();
        const std::uint64_t end = position + m_orders.available();
        std::uint64_t reportHead = m_reports.head();
        std::uint64_t unpublishedTicks = 0;
        while (position < end) {
            const TaskOrder order = m_orders.at(position++);
            if (order.command == OrderCommand::Quit) {
                m_quit = true;
                break;
            }
            waitForReportSpace(reportHead);
            const std::uint64_t start = ipc::CycleClock::now();
            const std::optional<std::uint64_t> value
                = runTask(static_cast<TaskKind>(order.kind), order.n, order.index, m_memory, m_stop);
            const std::uint64_t ticks = ipc::CycleClock::now() - start;
            m_reports.slot(reportHead++) = TaskReport { order.index, value ? ReportStatus::Done : ReportStatus::Stopped,
                                                        value.value_or(0), ticks, 0 };
            if (!value)
                break; // stopped: the loop ends at the next check
            unpublishedTicks += ticks;
            if (unpublishedTicks >= kPublishTicks) {
                publish(position, reportHead);
                unpublishedTicks = 0;
            }
        }
        publish(position, reportHead);
    }

    void publish(std::uint64_t ordersDone, std::uint64_t reportHead)
    {
        m_orders.consume(ordersDone);
        if (reportHead == m_reports.head())
            return;
        m_sinceWake += reportHead - m_reports.head();
        m_reports.publish(reportHead);
        if (m_orders.available() <= m_sinceWake) {
            m_header.reports.notify();
            m_sinceWake = 0;
        }
    }

    // The parent never has more orders in flight than a ring holds, so this does not wait; it guards the
    // protocol all the same.
    void waitForReportSpace(std::uint64_t reportHead)
    {
        while (reportHead - m_reports.head() >= m_reports.freeSpace(reportHead - m_reports.head() + 1)) {
            publish(m_orders.tail(), reportHead);
            if (m_stop.stopRequested())
                return;
            sched_yield();
        }
    }

    PoolHeader& m_header;
    WorkerRecord& m_record;
    ipc::SpscRing<TaskOrder> m_orders;
    ipc::SpscRing<TaskReport> m_reports;
    MemoryView m_memory;
    StopToken m_stop;
    bool m_quit = false;
    std::uint64_t m_sinceWake = 0; // reports published since the parent was last woken
};

} // namespace

void runWorkerLoop(const PoolLayout& pool, int slot, const MemoryView& memory)
{
    Worker(pool, slot, memory).run();
}

} // namespace bidlab::lab
