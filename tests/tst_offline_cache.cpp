// The offline cache (issue #4) against the real lab server behind a FaultProxy: what was seen
// online is answered from disk when the server vanishes (lists, gets by id, a location tree
// built anew), writes fail at once and change nothing, the client reconnects by itself, the
// main window's banner follows, and a damaged cache file costs only its contents.
#include "FaultProxy.h"
#include "TestLabServer.h"
#include "app/MainWindow.h"
#include "app/Session.h"
#include "models/LocationTreeModel.h"
#include "models/api/ApiClient.h"
#include "models/api/OfflineCache.h"
#include "models/api/OfflineMode.h"
#include "models/api/RateLimiter.h"
#include "models/store/ResourceStore.h"
#include "widgets/OfflineBanner.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using benchtop::test::FaultProxy;
using benchtop::test::TestLabServer;

namespace {

const BulkCollection kLocations{u"/locations"_s, u"locationIds"_s, u"locations"_s};

bool waitFor(ApiReply *reply, int timeoutMs = 15'000)
{
    if (reply->isFinished())
        return true;
    QSignalSpy finished(reply, &ApiReply::finished);
    return finished.wait(timeoutMs) && finished.count() == 1;
}

std::optional<OfflineCache::Entry> lookup(OfflineCache &cache, const QString &path,
                                          const QUrlQuery &query = {})
{
    std::optional<OfflineCache::Entry> result;
    bool done = false;
    QObject context;
    cache.lookup(path, query, &context, [&](std::optional<OfflineCache::Entry> entry) {
        result = std::move(entry);
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10'000))
        qFatal("cache lookup never answered");
    return result;
}

// A page of `count` container-like resources, about the size the server sends.
QByteArray containerPage(int count)
{
    QJsonArray items;
    for (int i = 0; i < count; ++i) {
        items.append(QJsonObject{
            {u"id"_s, u"con_bench%1"_s.arg(i)},
            {u"name"_s, u"Tube %1"_s.arg(i)},
            {u"barcode"_s, u"BC-%1"_s.arg(100000 + i)},
            {u"parentStorageId"_s, u"box_bench:%1%2"_s.arg(QChar(u'A' + i / 12)).arg(i % 12 + 1)},
            {u"createdAt"_s, u"2024-05-01T10:00:00Z"_s},
            {u"modifiedAt"_s, u"2024-05-01T10:00:00Z"_s},
            {u"schema"_s, QJsonObject{{u"id"_s, u"ts_tube"_s}, {u"name"_s, u"Tube"_s}}},
            {u"quantity"_s, QJsonObject{{u"value"_s, 1.5}, {u"units"_s, u"mL"_s}}},
            {u"webURL"_s, u"http://127.0.0.1/containers/con_bench%1"_s.arg(i)},
        });
    }
    return QJsonDocument(QJsonObject{{u"containers"_s, items}, {u"nextToken"_s, u""_s}})
        .toJson(QJsonDocument::Compact);
}

QByteArray sequenceJson(qsizetype bases)
{
    QByteArray text(bases, 'A');
    for (qsizetype i = 0; i < bases; ++i)
        text[i] = "ACGT"[(i * 7 + i / 13) % 4];
    return QJsonDocument(QJsonObject{{u"id"_s, u"seq_bench"_s},
                                     {u"name"_s, u"E. coli-sized"_s},
                                     {u"bases"_s, QString::fromLatin1(text)},
                                     {u"isCircular"_s, true}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestOfflineCache : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    QTemporaryDir m_dir;
    int m_created = 0;

    std::unique_ptr<FaultProxy> proxy(quint16 port = 0)
    {
        auto proxy = std::make_unique<FaultProxy>(m_lab.baseUrl());
        if (!proxy->listen(port))
            qFatal("the fault proxy cannot listen");
        return proxy;
    }

    // Small delays for tests: a few ms of backoff and quick probes.
    std::unique_ptr<ApiClient> clientFor(const FaultProxy &proxy, const QString &cacheName,
                                         int timeoutMs = 2'000)
    {
        auto client =
            std::make_unique<ApiClient>(Connection{proxy.url(), m_lab.apiKey(), timeoutMs});
        RetryPolicy retry;
        retry.maxAttempts = 4;
        retry.baseDelayMs = 5;
        retry.maxDelayMs = 40;
        client->setRetryPolicy(retry);
        client->rateLimiter()->setRate(0, 1);
        client->setOfflineCache(new OfflineCache(m_dir.filePath(cacheName)));
        OfflinePolicy offline;
        offline.probeInitialMs = 100;
        offline.probeMaxMs = 400;
        offline.probeTimeoutMs = 1'000;
        client->setOfflinePolicy(offline);
        return client;
    }

    int locationsNamed(const QString &name)
    {
        QSqlQuery query = m_lab.database().exec(
            u"SELECT COUNT(*) FROM resources WHERE kind = 'location' AND name = ?"_s, {name});
        return query.next() ? query.value(0).toInt() : -1;
    }

    static bool load(LocationTreeModel &model, const QModelIndex &parent)
    {
        const QPersistentModelIndex target(parent);
        QSignalSpy finished(&model, &LocationTreeModel::loadFinished);
        for (;;) {
            if (model.loadState(target) == LoadState::Loading) {
                if (!finished.wait(10'000))
                    return false;
                continue;
            }
            if (!model.canFetchMore(target))
                break;
            model.fetchMore(target);
        }
        return model.loadState(target) == LoadState::Loaded;
    }

    static QStringList names(const LocationTreeModel &model, const QModelIndex &parent)
    {
        QStringList result;
        for (int row = 0; row < model.rowCount(parent); ++row)
            result.append(model.index(row, 0, parent).data().toString());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_lab.start());
    }

    // The GUI thread only queues a body; the worker writes it. Both are measured.
    void cacheWritesStayOffTheGuiThread()
    {
        OfflineCache cache(m_dir.filePath(u"timing.sqlite"_s));
        QVERIFY(cache.waitForWrites() >= 0);
        QVERIFY(cache.isUsable());
        const QByteArray page = containerPage(100);
        const QByteArray sequence = sequenceJson(5'000'000);
        for (const auto &[label, path, body] :
             {std::tuple{"100-item page", u"/containers"_s, page},
              std::tuple{"5 Mb sequence", u"/dna-sequences/seq_bench"_s, sequence}}) {
            QList<qint64> enqueueUs, writeMs;
            for (int round = 0; round < 5; ++round) {
                QElapsedTimer clock;
                clock.start();
                cache.store(path, QUrlQuery(u"round=%1"_s.arg(round)), body);
                enqueueUs.append(clock.nsecsElapsed() / 1000);
                writeMs.append(cache.waitForWrites());
            }
            std::sort(enqueueUs.begin(), enqueueUs.end());
            std::sort(writeMs.begin(), writeMs.end());
            qInfo("%s (%lld bytes): GUI thread %lld us, worker write %lld ms (medians of 5)", label,
                  qint64(body.size()), enqueueUs[2], writeMs[2]);
            QVERIFY2(enqueueUs[2] < 2'000, "queuing a write must not stall the GUI thread");
        }
        // The sequence is one resource by id: stored once, found whole.
        const auto found = lookup(cache, u"/dna-sequences/seq_bench"_s);
        QVERIFY(found);
        QCOMPARE(found->body, sequence);
        QCOMPARE(found->json[u"bases"_s].toString().size(), 5'000'000); // parsed on the worker
        // Every container of the page is found by id too.
        const auto tube = lookup(cache, u"/containers/con_bench42"_s);
        QVERIFY(tube);
        QCOMPARE(QJsonDocument::fromJson(tube->body)[u"barcode"_s].toString(), u"BC-100042"_s);
    }

    void vanishedServerIsAnsweredFromTheCacheAndComesBack()
    {
        auto faults = proxy();
        const quint16 port = faults->url().port();
        auto client = clientFor(*faults, u"session.sqlite"_s);
        QSignalSpy connectivity(client.get(), &ApiClient::connectivityChanged);

        // Online: a list, and the location tree with one freezer opened.
        const QUrlQuery firstPage(u"pageSize=20"_s);
        ApiReply *list = client->get(u"/locations"_s, firstPage);
        QVERIFY(waitFor(list));
        QVERIFY2(list->ok(), qPrintable(list->error().displayMessage()));
        QVERIFY(!list->isFromCache());
        const QJsonArray listed = list->json()[u"locations"_s].toArray();
        QVERIFY(listed.size() >= 3);
        ResourceStore onlineStore;
        QStringList topNames, freezerNames;
        {
            LocationTreeModel online(client.get(), &onlineStore);
            QVERIFY(load(online, {}));
            topNames = names(online, {});
            QVERIFY(load(online, online.index(1, 0)));
            freezerNames = names(online, online.index(1, 0));
            QVERIFY(!freezerNames.isEmpty());
        }
        const QDateTime beforeVanish = QDateTime::currentDateTime();
        faults->vanish();

        // The same list: from the cache, as it was, and the client is now offline.
        ApiReply *again = client->get(u"/locations"_s, firstPage);
        QVERIFY(waitFor(again));
        QVERIFY2(again->ok(), qPrintable(again->error().displayMessage()));
        QVERIFY(again->isFromCache());
        QVERIFY(again->cachedAt() <= beforeVanish);
        QCOMPARE(again->json(), list->json());
        QCOMPARE(connectivity.count(), 1);
        QCOMPARE(connectivity.at(0).at(0).toBool(), false);
        QVERIFY(!client->isOnline());

        // A location seen only in the list opens by id, and two travel as one bulk-get.
        const QString third = listed[2][u"id"_s].toString();
        QElapsedTimer clock;
        clock.start();
        ApiReply *one = client->get(u"/locations/"_s + third);
        QVERIFY(waitFor(one));
        QVERIFY(one->ok());
        QVERIFY(one->isFromCache());
        QVERIFY2(clock.elapsed() < 1'000, "offline, the cache answers without a network wait");
        QCOMPARE(one->json().object(), listed[2].toObject());
        ApiReply *a = client->getById(kLocations, listed[0][u"id"_s].toString());
        ApiReply *b = client->getById(kLocations, listed[1][u"id"_s].toString());
        QVERIFY(waitFor(a) && waitFor(b));
        QVERIFY2(a->ok() && b->ok(), qPrintable(a->error().displayMessage()));
        QCOMPARE(b->json()[u"name"_s], listed[1][u"name"_s]);

        // A tree built anew shows what was seen.
        {
            ResourceStore offlineStore;
            LocationTreeModel offline(client.get(), &offlineStore);
            QAbstractItemModelTester tester(&offline,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            QVERIFY(load(offline, {}));
            QCOMPARE(names(offline, {}), topNames);
            QVERIFY(load(offline, offline.index(1, 0)));
            QCOMPARE(names(offline, offline.index(1, 0)), freezerNames);
        }

        // Something never seen: one network attempt, no retries, a plain transport error.
        ApiReply *unseen = client->get(u"/locations"_s, QUrlQuery(u"pageSize=3"_s));
        QVERIFY(waitFor(unseen));
        QCOMPARE(unseen->error().kind, ApiError::Kind::Transport);
        QCOMPARE(unseen->attempts(), 1);

        // A write fails at once, says why, and nothing changes on the server.
        const QString name = u"offline-test location %1"_s.arg(++m_created);
        const QString schemaId = listed[0][u"schema"_s][u"id"_s].toString();
        const QJsonObject body{{u"name"_s, name}, {u"schemaId"_s, schemaId}};
        clock.restart();
        ApiReply *create = client->post(u"/locations"_s, body);
        QVERIFY(!create->isFinished()); // never inside the call
        QVERIFY(waitFor(create));
        QVERIFY(clock.elapsed() < 500);
        QCOMPARE(create->error().kind, ApiError::Kind::Offline);
        QCOMPARE(create->attempts(), 0);
        QVERIFY(create->error().displayMessage().contains(u"offline and read-only"_s));
        QVERIFY(create->error().displayMessage().contains(u"nothing was changed"_s));
        QCOMPARE(locationsNamed(name), 0);

        // The server comes back where it was: the client notices by itself.
        auto back = proxy(port);
        QVERIFY(connectivity.wait(5'000));
        QCOMPARE(connectivity.count(), 2);
        QCOMPARE(connectivity.at(1).at(0).toBool(), true);
        QVERIFY(client->isOnline());
        QVERIFY(back->count("GET", u"/locations"_s) >= 1); // the probe
        ApiReply *created = client->post(u"/locations"_s, body);
        QVERIFY(waitFor(created));
        QVERIFY2(created->ok(), qPrintable(created->error().displayMessage()));
        QCOMPARE(locationsNamed(name), 1);
        ApiReply *fresh = client->get(u"/locations"_s, firstPage);
        QVERIFY(waitFor(fresh));
        QVERIFY(fresh->ok());
        QVERIFY(!fresh->isFromCache());
    }

    // A server that stops answering (not refusing) ends in timeouts after retries; the cache
    // then answers instead of the timeout error.
    void stalledServerFallsBackAfterTimeouts()
    {
        auto faults = proxy();
        // A short per-attempt timeout keeps this quick: 4 attempts of 300 ms.
        auto client = clientFor(*faults, u"stall.sqlite"_s, 300);
        const QString path = u"/locations"_s;
        ApiReply *first = client->get(path, QUrlQuery(u"pageSize=2"_s));
        QVERIFY(waitFor(first));
        QVERIFY(first->ok());
        FaultProxy::Rule stall;
        stall.fault = FaultProxy::Fault::Stall;
        stall.times = 100;
        faults->addRule(stall);
        QSignalSpy connectivity(client.get(), &ApiClient::connectivityChanged);
        ApiReply *again = client->get(path, QUrlQuery(u"pageSize=2"_s));
        QVERIFY(waitFor(again, 20'000));
        QVERIFY2(again->ok(), qPrintable(again->error().displayMessage()));
        QVERIFY(again->isFromCache());
        QCOMPARE(again->attempts(), 4);
        QCOMPARE(connectivity.count(), 1);
        QVERIFY(!client->isOnline());
    }

    void leastRecentlyUsedIsEvicted()
    {
        OfflineCache cache(m_dir.filePath(u"lru.sqlite"_s), 10'000);
        const QByteArray filler =
            QJsonDocument(QJsonObject{{u"data"_s, QString(3'000, u'x')}}).toJson();
        for (const QString &page : {u"a"_s, u"b"_s, u"c"_s})
            cache.store(u"/things"_s, QUrlQuery(u"page="_s + page), filler);
        cache.waitForWrites();
        QCOMPARE(cache.stats().answers, 3);
        QVERIFY(lookup(cache, u"/things"_s, QUrlQuery(u"page=a"_s))); // a is now the freshest
        cache.store(u"/things"_s, QUrlQuery(u"page=d"_s), filler);
        cache.waitForWrites();
        const OfflineCache::Stats stats = cache.stats();
        QVERIFY2(stats.bytes <= 9'000, qPrintable(QString::number(stats.bytes)));
        QCOMPARE(stats.answers, 2);
        QVERIFY(lookup(cache, u"/things"_s, QUrlQuery(u"page=a"_s)));
        QVERIFY(lookup(cache, u"/things"_s, QUrlQuery(u"page=d"_s)));
        QVERIFY(!lookup(cache, u"/things"_s, QUrlQuery(u"page=b"_s)));
        QVERIFY(!lookup(cache, u"/things"_s, QUrlQuery(u"page=c"_s)));
    }

    void cacheSurvivesARestart()
    {
        const QString path = m_dir.filePath(u"restart.sqlite"_s);
        {
            OfflineCache cache(path);
            cache.store(u"/locations"_s, QUrlQuery(u"pageSize=1"_s), R"({"locations":[]})");
        } // the destructor writes what is queued
        OfflineCache reopened(path);
        const auto entry = lookup(reopened, u"/locations"_s, QUrlQuery(u"pageSize=1"_s));
        QVERIFY(entry);
        QCOMPARE(entry->body, QByteArray(R"({"locations":[]})"));
        QVERIFY(entry->storedAt.secsTo(QDateTime::currentDateTime()) < 60);
    }

    void corruptFileIsDiscarded()
    {
        const QString path = m_dir.filePath(u"corrupt.sqlite"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("this is not an SQLite database. ").repeated(200));
        }
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"discarding unreadable offline cache"_s));
        OfflineCache cache(path);
        cache.store(u"/locations"_s, {}, R"({"locations":[]})");
        cache.waitForWrites();
        QVERIFY(cache.isUsable());
        QVERIFY(lookup(cache, u"/locations"_s));
    }

    void damagedPagesAreDiscarded()
    {
        const QString path = m_dir.filePath(u"damaged.sqlite"_s);
        {
            OfflineCache cache(path);
            for (int i = 0; i < 50; ++i)
                cache.store(u"/things"_s, QUrlQuery(u"page=%1"_s.arg(i)),
                            QJsonDocument(QJsonObject{{u"data"_s, QString(2'000, u'y')}}).toJson());
        }
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.size() > 16'384);
            file.seek(4'096); // past the header: the tables' pages
            file.write(QByteArray(file.size() - 8'192, '\xA5'));
        }
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"discarding unreadable offline cache"_s));
        OfflineCache cache(path);
        cache.waitForWrites();
        QVERIFY(cache.isUsable());
        QVERIFY(!lookup(cache, u"/things"_s, QUrlQuery(u"page=3"_s)));
        QCOMPARE(cache.stats().answers, 0);
    }

    // A path that can never be a file (a folder): no cache, no crash, requests unaffected.
    void unusableCachePathDisablesTheCache()
    {
        const QString path = m_dir.filePath(u"a-folder"_s);
        QVERIFY(QDir().mkpath(path));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"discarding unreadable offline cache"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"offline cache disabled"_s));
        OfflineCache cache(path);
        cache.store(u"/locations"_s, {}, R"({"locations":[]})");
        cache.waitForWrites();
        QVERIFY(!cache.isUsable());
        QVERIFY(!lookup(cache, u"/locations"_s));
        QCOMPARE(cache.stats().answers, 0);
    }

    // The window's banner follows the client: shown offline with the time of the data, hidden
    // once back; "Retry now" probes at once instead of after the backoff.
    void mainWindowBannerFollowsConnectivity()
    {
        auto faults = proxy();
        const quint16 port = faults->url().port();
        QTemporaryDir data;
        QString error;
        benchtop::app::SessionOptions options;
        options.server = faults->url();
        options.apiKey = m_lab.apiKey();
        options.dataDir = data.path();
        options.cacheDir = m_dir.filePath(u"gui-cache"_s);
        auto session = benchtop::app::Session::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        ApiClient *client = session->client();
        QVERIFY(client->offlineCache());
        QVERIFY(client->offlineCache()->path().startsWith(m_dir.filePath(u"gui-cache/"_s)));
        RetryPolicy retry;
        retry.maxAttempts = 2;
        retry.baseDelayMs = 5;
        client->setRetryPolicy(retry);
        OfflinePolicy slow; // the automatic probe would come only after 45 s or more
        slow.probeInitialMs = 60'000;
        client->setOfflinePolicy(slow);

        benchtop::app::MainWindow window(session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        benchtop::widgets::OfflineBanner *banner = window.offlineBanner();
        QTRY_VERIFY_WITH_TIMEOUT(window.locationModel()->rowCount() >= 3, 10'000);
        QVERIFY(!banner->isVisible());

        faults->vanish();
        ApiReply *read = client->get(u"/locations"_s, QUrlQuery(u"pageSize=1"_s));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10'000);
        QVERIFY(waitFor(read));
        const QString time = QLocale().toString(client->lastSeenAt().time(), QLocale::ShortFormat);
        QCOMPARE(banner->text(),
                 u"Offline — showing what you saw at %1; changes are disabled. Reconnecting…"_s.arg(
                     time));

        auto back = proxy(port);
        QSignalSpy probes(client, &ApiClient::probeStarted);
        QTest::mouseClick(banner->retryButton(), Qt::LeftButton);
        QCOMPARE(probes.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 5'000);
        QVERIFY(client->isOnline());
    }
};

QTEST_MAIN(TestOfflineCache)
#include "tst_offline_cache.moc"
