// SPDX-License-Identifier: MIT
#include "core/aggregate/aggregate_file.h"

#include "core/aggregate/chunk_merger.h"
#include "core/aggregate/file_layout.h"
#include "core/aggregate/input_source.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <QElapsedTimer>
#include <QFile>
#include <QThreadPool>

namespace bidlab::aggregate {

using namespace detail;

namespace {

const QString kCancelled = QStringLiteral("Cancelled.");

// Merges chunk results in file order as they arrive from any thread, checking speculative starts, and
// keeps the workers at most `window` chunks ahead of the merge so that waiting results stay few.
class OrderedMerge
{
public:
    OrderedMerge(const ScanPlan& plan, std::size_t firstOffset, std::int64_t firstLine, std::size_t window)
        : m_plan(plan)
        , m_merger(plan)
        , m_end(firstOffset)
        , m_lineAtEnd(firstLine)
        , m_window(window)
    { }

    // Blocks while chunk `index` is too far ahead of the merge; false when stopped meanwhile.
    bool waitForTurn(std::size_t index, const std::atomic<bool>& stop)
    {
        std::unique_lock lock(m_mutex);
        m_turn.wait(lock, [&] { return index < m_next + m_window || stop.load(); });
        return !stop.load();
    }

    void wakeAll() { m_turn.notify_all(); }

    void submit(const ChunkTask& task, ChunkResult result)
    {
        std::lock_guard lock(m_mutex);
        m_waiting.emplace(task.index, Waiting { task, std::move(result) });
        while (!m_waiting.empty() && m_waiting.begin()->first == m_next) {
            Waiting& w = m_waiting.begin()->second;
            mergeOne(w.task, w.result);
            m_waiting.erase(m_waiting.begin());
            ++m_next;
        }
        m_turn.notify_all();
    }

    qint64 mergedProgress() const { return m_progress.load(); }
    int rescanned() const { return m_rescanned; }
    ChunkMerger& merger() { return m_merger; }

private:
    struct Waiting
    {
        ChunkTask task;
        ChunkResult result;
    };

    void mergeOne(const ChunkTask& task, ChunkResult& result)
    {
        // A speculative chunk that starts where the previous one ended has its lines counted from there; a
        // stream block, or a chunk read again, counts its leading empty lines itself.
        bool countsFromItsStart = !task.speculative;
        if (task.speculative && result.begin != m_end) {
            // The cut fell inside a quoted field: read the range again from the true record start.
            result = scanChunk(m_plan, task.buffer, m_end, std::max(m_end, task.end));
            ++m_rescanned;
            countsFromItsStart = true;
        }
        const std::int64_t lineAtBegin = m_lineAtEnd + (countsFromItsStart ? result.firstLine - 1 : 0);
        m_merger.merge(result, lineAtBegin);
        m_lineAtEnd = lineAtBegin + result.endLine - result.firstLine;
        m_end = result.end;
        m_progress.store(task.progressAfter);
    }

    const ScanPlan& m_plan;
    ChunkMerger m_merger;
    std::size_t m_end; // where the last merged chunk ended (mapped files)
    std::int64_t m_lineAtEnd;
    std::size_t m_window;
    std::mutex m_mutex;
    std::condition_variable m_turn;
    std::map<std::size_t, Waiting> m_waiting;
    std::size_t m_next = 0;
    std::atomic<qint64> m_progress { 0 };
    int m_rescanned = 0;
};

// The first values of the date column, for detecting its format.
std::vector<std::string> dateSamples(const FileLayout& layout, const AggregateParams& params)
{
    std::vector<std::string> samples;
    const qsizetype column = layout.headers.indexOf(params.mapping.column(Role::Date));
    for (const QStringList& row : layout.sample) {
        if (column >= 0 && column < row.size())
            samples.push_back(row[column].toStdString());
    }
    return samples;
}

qint64 chunkBytesFor(qint64 dataBytes, int threads, qint64 wanted)
{
    if (wanted > 0)
        return wanted;
    // Enough chunks for an even spread and a prompt cancel, few enough that merging stays cheap.
    return std::clamp<qint64>(dataBytes / (qint64(threads) * 16), 256 * 1024, 8 * 1024 * 1024);
}

} // namespace

Expected<AggregateResult> aggregateFile(const AggregateParams& params, const ScanControl& control)
{
    QElapsedTimer clock;
    clock.start();
    const auto canceled = [&] { return control.canceled && control.canceled(); };
    Expected<FileLayout> layout = inspectFile(params.path, params.delimiter, 200);
    if (!layout)
        return Error { layout.error() };
    const std::vector<std::string> samples = dateSamples(*layout, params);
    Expected<ScanPlan> plan = makeScanPlan(params, layout->headers, layout->delimiter,
                                           std::vector<std::string_view>(samples.begin(), samples.end()));
    if (!plan)
        return Error { plan.error() };

    QThreadPool* pool = control.pool ? control.pool : jobs::jobPool();
    const int threads = params.threads > 0 ? params.threads : std::max(1, pool->maxThreadCount());

    AggregateResult result;
    result.path = params.path;
    result.params = params;
    result.fileBytes = layout->fileBytes;
    result.compressed = layout->compressed;
    result.threadsRequested = threads;

    Expected<std::unique_ptr<InputSource>> source = layout->compressed
        ? openStreamSource(*layout, chunkBytesFor(layout->fileBytes * 4, threads, params.chunkBytes), threads + 2)
        : openMappedSource(*layout, chunkBytesFor(layout->fileBytes, threads, params.chunkBytes));
    if (!source)
        return Error { source.error() };

    OrderedMerge merge(*plan, std::size_t(layout->dataStart), 1 + layout->headerLines, std::size_t(threads) * 2 + 2);
    std::atomic<bool> stop { false };
    std::atomic<int> workersUsed { 0 };
    std::atomic<std::size_t> groupsHint { 0 };
    const std::thread::id caller = std::this_thread::get_id();
    const qint64 total = (*source)->progressTotal();
    const auto worker = [&](qsizetype) {
        bool counted = false;
        ChunkTask task;
        while (!stop.load() && (*source)->next(task)) {
            if (!merge.waitForTurn(task.index, stop))
                break;
            if (!counted) {
                counted = true;
                ++workersUsed;
            }
            ChunkResult result = scanChunk(*plan, task.buffer, task.begin, task.end, groupsHint.load());
            groupsHint = std::max(groupsHint.load(), result.groups.size());
            // Many groups per row make merging as costly as scanning: larger chunks merge less often.
            if (result.groups.size() * 8 > std::size_t(std::max<std::int64_t>(result.records, 1)))
                (*source)->growChunks();
            merge.submit(task, std::move(result));
            if (std::this_thread::get_id() == caller) {
                if (canceled()) {
                    stop = true;
                    (*source)->stop();
                    merge.wakeAll();
                } else if (control.progress) {
                    control.progress(merge.mergedProgress(), total, QStringLiteral("Scanning…"));
                }
            }
        }
    };
    jobs::parallelFor(pool, threads, worker);
    (*source)->stop();
    if (stop.load() || canceled())
        return Error { kCancelled };
    if (const QString error = (*source)->error(); !error.isEmpty())
        return Error { error };

    merge.merger().finish(result);
    result.dataBytes = (*source)->dataBytes();
    result.chunks = int((*source)->chunkCount());
    result.chunksRescanned = merge.rescanned();
    result.threadsUsed = workersUsed.load();
    result.seconds = double(clock.nsecsElapsed()) / 1e9;
    if (control.progress)
        control.progress(total, total, QStringLiteral("Done."));
    return result;
}

void runAggregateJob(QPromise<jobs::JobResult<AggregateResult>>& promise, const AggregateParams& params)
{
    jobs::JobContext<AggregateResult> context(promise);
    ScanControl control;
    control.canceled = [&] { return context.canceled(); };
    control.progress = [&](qint64 done, qint64 total, const QString& text) { context.progress(done, total, text); };
    Expected<AggregateResult> result = aggregateFile(params, control);
    if (context.canceled())
        return; // a cancelled job delivers nothing
    if (!result)
        context.fail(result.error());
    else
        context.succeed(std::move(result).value());
}

} // namespace bidlab::aggregate
