// SPDX-License-Identifier: MIT
#include "core/engine/ipc/shared_memory.h"
#include "core/engine/ipc/spsc_ring.h"
#include "tests/common/test_support.h"

#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace bidlab;
using namespace bidlab::ipc;

namespace {

struct Record
{
    std::uint64_t sequence;
    std::uint64_t check;
};

constexpr std::uint64_t kCount = 2'000'000;
constexpr std::size_t kCapacity = 1024;

// Consumes kCount records, sleeping on the futex when the ring is empty; returns the number of errors.
std::uint64_t consume(SpscRing<Record>& ring)
{
    std::uint64_t expected = 0;
    std::uint64_t errors = 0;
    while (expected < kCount) {
        std::size_t n = ring.available();
        if (n == 0) {
            const std::uint32_t token = ring.control()->notEmpty.prepareWait();
            if (ring.available() == 0)
                ring.control()->notEmpty.wait(token, 1'000'000'000);
            else
                ring.control()->notEmpty.cancelWait();
            continue;
        }
        const std::uint64_t tail = ring.tail();
        for (std::size_t k = 0; k < n; ++k) {
            const Record& r = ring.at(tail + k);
            errors += (r.sequence != expected || r.check != ~expected) ? 1 : 0;
            ++expected;
        }
        ring.consume(tail + n);
    }
    return errors;
}

void produce(SpscRing<Record>& ring)
{
    std::uint64_t next = 0;
    while (next < kCount) {
        const std::size_t free = ring.freeSpace(1);
        if (free == 0) {
            std::this_thread::yield();
            continue;
        }
        const std::size_t batch = std::min<std::size_t>({ free, 64, kCount - next });
        for (std::size_t k = 0; k < batch; ++k)
            ring.slot(ring.head() + k) = { next + k, ~(next + k) };
        next += batch;
        ring.publish(ring.head() + batch);
        if (next % 100'000 < 64)
            std::this_thread::sleep_for(std::chrono::microseconds(200)); // let the consumer fall asleep
    }
}

} // namespace

class SpscRingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acrossThreads()
    {
        Expected<SharedMemory> memory = SharedMemory::create("test-ring", SpscRing<Record>::bytesFor(kCapacity));
        QVERIFY2(memory.ok(), qPrintable(memory.error()));
        SpscRing<Record> producer(memory->data(), kCapacity);
        SpscRing<Record> consumer(memory->data(), kCapacity);
        std::uint64_t errors = 1;
        std::thread reader([&] { errors = consume(consumer); });
        produce(producer);
        reader.join();
        QCOMPARE(errors, std::uint64_t(0));
        QCOMPARE(consumer.tail(), kCount);
    }
    void acrossProcesses()
    {
        // The real arrangement: a forked child maps the same memfd pages and sleeps on the shared futex.
        Expected<SharedMemory> memory = SharedMemory::create("test-ring", SpscRing<Record>::bytesFor(kCapacity));
        QVERIFY(memory.ok());
        const pid_t child = fork();
        if (child == 0) {
            SpscRing<Record> consumer(memory->data(), kCapacity);
            _exit(consume(consumer) == 0 ? 0 : 1);
        }
        QVERIFY(child > 0);
        SpscRing<Record> producer(memory->data(), kCapacity);
        produce(producer);
        int status = -1;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
        QCOMPARE(static_cast<std::uint64_t>(producer.control()->tail.value.load()), kCount);
    }
    void attachChecksTheSize()
    {
        Expected<SharedMemory> memory = SharedMemory::create("test-size", 4096);
        QVERIFY(memory.ok());
        Expected<SharedMemory> attached = SharedMemory::attach(dup(memory->fd()), 8192);
        QVERIFY(!attached.ok());
        QVERIFY(attached.error().contains(QStringLiteral("4096")));
        attached = SharedMemory::attach(dup(memory->fd()), 4096);
        QVERIFY(attached.ok());
        static_cast<char*>(memory->data())[100] = 42;
        QCOMPARE(static_cast<char*>(attached->data())[100], char(42));
    }
};

BIDLAB_TEST_MAIN_CORE(SpscRingTest)
#include "test_spsc_ring.moc"
