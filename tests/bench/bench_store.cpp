// bench_store: what the resource store costs (data-layer issue #4).
//
// 1. Requests to open a box of 100 tubes: cold (a new store) and warm (the same store again),
//    counted by a FaultProxy passing everything between the client and the server.
// 2. Store cost per cached resource at 10,000 and 100,000 synthetic containers shaped like the
//    server's container JSON: time per insert and per update (upsert of a changed version), and
//    memory per resource as the process's RSS growth (from /proc/self/statm, after malloc_trim
//    between runs) divided by the count. Linear growth shows as equal figures at both sizes.
// 3. Listing 10,000 containers through a ContainerListModel (pages of 100, fetchMore as a view
//    would call it): the longest stall of the GUI thread, measured by a 1 ms QTimer on it
//    (the largest gap between two ticks), the GUI thread's CPU time, and the total time. The
//    same ticker on an idle event loop, measured in the same run, is the peer: on a loaded
//    machine the scheduler alone makes stalls, and those are not the model's.
//
// The lab server is an EmbeddedLabServer (on a thread of its own, as in the app), seeded through
// its API, so its work is not counted as a GUI-thread stall.
//
//   bench_store
#include "../StoreSeed.h"
#include "FaultProxy.h"
#include "models/BoxContentsModel.h"
#include "models/ResourceListModel.h"
#include "models/api/ApiClient.h"
#include "models/api/RateLimiter.h"
#include "models/store/ResourceStore.h"
#include "server/EmbeddedLabServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using namespace benchtop::test;

namespace {

qint64 rssBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

// A container as the server writes one (same keys and value shapes, made-up values).
QJsonObject syntheticContainer(int i, int version)
{
    const QString id = u"con_%1"_s.arg(i, 8, 10, QChar(u'0'));
    return {
        {u"id"_s, id},
        {u"name"_s, u"Tube %1 v%2"_s.arg(i).arg(version)},
        {u"barcode"_s, u"TUB-%1"_s.arg(i, 8, 10, QChar(u'0'))},
        {u"parentStorageId"_s, u"box_%1"_s.arg(i / 100)},
        {u"gridPosition"_s, u"%1%2"_s.arg(QChar(u'A' + (i % 100) / 10)).arg(i % 10 + 1)},
        {u"parentStorageSchema"_s,
         QJsonObject{{u"id"_s, u"boxsch_bench"_s}, {u"name"_s, u"10×10 box"_s}}},
        {u"projectId"_s, QJsonValue()},
        {u"fields"_s, QJsonObject{}},
        {u"contents"_s, QJsonArray{}},
        {u"quantity"_s, QJsonObject{{u"value"_s, 50}, {u"units"_s, u"uL"_s}}},
        {u"volume"_s, QJsonObject{{u"value"_s, 50}, {u"units"_s, u"uL"_s}}},
        {u"checkoutRecord"_s, QJsonObject{{u"status"_s, u"AVAILABLE"_s}}},
        {u"restrictionStatus"_s, u"UNRESTRICTED"_s},
        {u"sampleOwners"_s, QJsonArray{}},
        {u"restrictedSampleParties"_s, QJsonArray{}},
        {u"role"_s, QJsonValue()},
        {u"schema"_s, QJsonObject{{u"id"_s, u"consch_tube"_s}, {u"name"_s, u"Tube"_s}}},
        {u"archiveRecord"_s, QJsonValue()},
        {u"creator"_s, QJsonObject{{u"id"_s, u"ent_demo"_s}, {u"handle"_s, u"demo"_s}}},
        {u"createdAt"_s, u"2026-01-01T00:00:00.000Z"_s},
        {u"modifiedAt"_s, u"2026-01-01T00:00:%1.000Z"_s.arg(version, 2, 10, QChar(u'0'))},
        {u"webURL"_s, QString(u"http://127.0.0.1/benchling/containers/"_s + id)},
    };
}

// Upserts `count` containers (built in batches outside the timed part), then `count` changed
// versions; prints ns per insert and per update and RSS bytes per resource.
void measureStore(int count)
{
    malloc_trim(0);
    const qint64 rssBefore = rssBytes();
    qint64 insertNs = 0;
    qint64 updateNs = 0;
    {
        ResourceStore store;
        QElapsedTimer timer;
        for (int version = 0; version < 2; ++version) {
            for (int first = 0; first < count; first += 1000) {
                QList<QJsonObject> batch;
                batch.reserve(1000);
                for (int i = first; i < std::min(count, first + 1000); ++i)
                    batch.append(syntheticContainer(i, version));
                timer.start();
                for (const QJsonObject &container : std::as_const(batch))
                    store.upsert(container);
                (version == 0 ? insertNs : updateNs) += timer.nsecsElapsed();
            }
            if (version == 0) {
                malloc_trim(0);
                const qint64 rss = rssBytes() - rssBefore;
                std::printf(
                    "  %7d resources: %6.0f ns/insert, RSS +%6.1f MB = %5.0f bytes/resource", count,
                    double(insertNs) / count, rss / 1048576.0, double(rss) / count);
            }
        }
        std::printf(", %6.0f ns/update (%lld held)\n", double(updateNs) / count,
                    static_cast<long long>(store.size()));
    }
    std::fflush(stdout);
}

qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

struct Stalls
{
    double longestMs = 0;
    int over16 = 0; // gaps longer than a 60 Hz frame
};

// Runs `start`, then the event loop until `done`, with a 1 ms timer on this thread; the gaps
// between its ticks are how long the thread could not answer.
Stalls tickWhile(const std::function<void()> &start, const std::function<bool()> &done)
{
    Stalls stalls;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setInterval(1);
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const double gapMs = sinceTick.nsecsElapsed() / 1e6;
        stalls.longestMs = std::max(stalls.longestMs, gapMs);
        stalls.over16 += gapMs > 16 ? 1 : 0;
        sinceTick.start();
    });
    sinceTick.start();
    ticker.start();
    start();
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return stalls;
}

bool waitFor(const std::function<bool()> &done, int timeoutMs = 120'000)
{
    // Blocks in the event loop (processEvents with a time limit would return at once when
    // idle and spin, which the GUI-thread CPU figures would count); a slow timer ends each wait.
    QTimer wake;
    wake.start(50);
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    benchtop::server::EmbeddedLabServer server(dir.filePath(u"bench.sqlite"_s));
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "server: %s\n", qPrintable(error));
        return 1;
    }
    ApiTestClient api(server.baseUrl(), server.apiKey());

    // 1. Cold and warm open of a 100-tube box.
    const SeededBox box = seedBox(api, u"Bench box"_s, 100);
    if (box.boxId.isEmpty()) {
        std::fprintf(stderr, "could not seed the box\n");
        return 1;
    }
    FaultProxy proxy(server.baseUrl());
    if (!proxy.listen())
        return 1;
    {
        ApiClient client(Connection{proxy.url(), server.apiKey(), 30'000});
        client.rateLimiter()->setRate(0, 1);
        ResourceStore store(&client);
        std::printf("Open a box of 100 tubes (requests through a counting proxy):\n");
        for (const char *run : {"cold", "warm"}) {
            const qsizetype before = proxy.requests().size();
            BoxContentsModel model(&client, &store, box.boxId);
            QElapsedTimer timer;
            timer.start();
            model.open();
            if (!waitFor([&] { return model.loadState() != LoadState::Loading; }) ||
                model.loadState() != LoadState::Loaded) {
                std::fprintf(stderr, "open failed: %s\n", qPrintable(model.errorMessage()));
                return 1;
            }
            int tubes = 0;
            for (const QString &position : box.positions)
                tubes += model.idAt(position).isEmpty() ? 0 : 1;
            std::printf("  %s: %lld requests, %d tubes shown, %.1f ms\n", run,
                        static_cast<long long>(proxy.requests().size() - before), tubes,
                        timer.nsecsElapsed() / 1e6);
        }
    }

    // 2. Store cost per resource.
    std::printf("Store upsert cost and memory per cached container (RSS growth):\n");
    measureStore(10'000);
    measureStore(100'000);

    // 3. Listing 10,000 containers: the GUI thread's longest stall.
    const QString coldRoom = idWhere(api, u"/locations?pageSize=100"_s, u"locations"_s, u"name"_s,
                                     u"Cold room (4 °C)"_s);
    for (int first = 0; first < 10'000; first += 1000) {
        QJsonArray items;
        for (int i = first; i < first + 1000; ++i)
            items.append(QJsonObject{{u"name"_s, u"Listed tube %1"_s.arg(i, 5, 10, QChar(u'0'))},
                                     {u"schemaId"_s, box.tubeSchemaId},
                                     {u"parentStorageId"_s, coldRoom}});
        const QJsonObject task = api.waitForTask(
            api.post(u"/containers:bulk-create"_s, {{u"containers"_s, items}}).taskId());
        if (task[u"status"_s].toString() != u"SUCCEEDED"_s) {
            std::fprintf(stderr, "seeding 10,000 containers failed\n");
            return 1;
        }
    }
    // The same ticker on an idle event loop first: what the machine's scheduler alone costs.
    QElapsedTimer idle;
    idle.start();
    const Stalls quiet = tickWhile([] {}, [&] { return idle.elapsed() >= 3'000; });
    std::printf("List 10,000 containers in pages of 100 (ContainerListModel):\n");
    for (const bool ticking : {true, false}) {
        ApiClient client(Connection{server.baseUrl(), server.apiKey(), 30'000});
        client.rateLimiter()->setRate(0, 1);
        ResourceStore store(&client);
        ContainerListModel model(&client, &store);
        model.setFilter(u"parentStorageIds"_s, coldRoom);
        model.setSort(u"name:asc"_s);
        // As a view does: ask for more whenever a page has arrived and more is to come.
        QObject::connect(&model, &ResourceListModel::pageLoaded, [&](bool complete) {
            if (!complete)
                QTimer::singleShot(0, &model, [&] { model.fetchMore({}); });
        });
        const auto finished = [&] {
            return model.loadState() == LoadState::Loaded || model.loadState() == LoadState::Failed;
        };
        const qint64 cpuBefore = threadCpuNs();
        QElapsedTimer total;
        total.start();
        Stalls listing;
        if (ticking) {
            listing = tickWhile([&] { model.fetchMore({}); }, finished);
        } else {
            model.fetchMore({});
            waitFor(finished);
        }
        const double wallMs = total.nsecsElapsed() / 1e6;
        const double cpuMs = (threadCpuNs() - cpuBefore) / 1e6;
        std::printf("  %s: %d rows in %.0f ms; GUI-thread CPU %.0f ms (%.2f ms per page)\n",
                    ticking ? "with the 1 ms ticker" : "without a ticker   ", model.rowCount(),
                    wallMs, cpuMs, cpuMs / 100);
        if (ticking) {
            std::printf("  longest GUI-thread stall %.1f ms, %d stalls over 16 ms\n",
                        listing.longestMs, listing.over16);
        }
    }
    std::printf("  peer, the same ticker on an idle event loop for 3 s: longest stall %.1f ms, "
                "%d over 16 ms\n",
                quiet.longestMs, quiet.over16);
    return 0;
}
