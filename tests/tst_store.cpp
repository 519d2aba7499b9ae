// The resource store and its commands against the real lab server (DESIGN §2, §6): one value
// per id, fetches shared while in flight, stale values shown while they revalidate, and moves
// that show at once and then land or roll back with the server's reason, losing nothing.
#include "FaultProxy.h"
#include "StoreSeed.h"
#include "models/api/ApiClient.h"
#include "models/api/RateLimiter.h"
#include "models/resources/Inventory.h"
#include "models/resources/Notebook.h"
#include "models/resources/Sequences.h"
#include "models/store/ContainerMoveCommand.h"
#include "models/store/ResourceStore.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using namespace benchtop::test;

namespace {
const BulkCollection kContainers{u"/containers"_s, u"containerIds"_s, u"containers"_s};
} // namespace

class TestStore : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    SeededBox m_box; // 5 tubes at A1..A5 of a 10×10 box

    std::unique_ptr<ApiClient> clientFor(const QUrl &url)
    {
        auto client = std::make_unique<ApiClient>(Connection{url, m_lab.apiKey(), 2'000});
        RetryPolicy policy;
        policy.maxAttempts = 3;
        policy.baseDelayMs = 5;
        policy.maxDelayMs = 20;
        policy.taskPollInitialMs = 5;
        policy.taskPollMaxMs = 20;
        client->setRetryPolicy(policy);
        client->rateLimiter()->setRate(0, 1);
        return client;
    }

    QString positionInDatabase(const QString &id)
    {
        return storeSeedScalar(m_lab,
                               u"SELECT parent_id || ':' || position FROM resources "
                               "WHERE id = ?"_s,
                               {id});
    }

    // The box's tubes into `store` as a box listing gives them (with gridPosition).
    void loadBox(ResourceStore &store)
    {
        const ApiResponse contents = m_api->get(u"/boxes/"_s + m_box.boxId + u"/contents"_s);
        QCOMPARE(contents.status, 200);
        store.upsertMany(contents.json[u"containers"_s].toArray());
        store.setChildrenListed(m_box.boxId);
    }

    static bool finish(StoreCommand *command)
    {
        if (command->state() != StoreCommand::State::Pending)
            return true;
        QSignalSpy finished(command, &StoreCommand::finished);
        return finished.wait(15'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
        m_box = seedBox(*m_api, u"Store box"_s, 5);
        QVERIFY(!m_box.boxId.isEmpty());
    }

    void upsertKeepsWhatTheNewVersionLacksAndSignalsOncePerChange()
    {
        ResourceStore store;
        QSignalSpy changed(&store, &ResourceStore::changed);
        store.upsert({{u"id"_s, u"con_1"_s}, {u"name"_s, u"a"_s}, {u"gridPosition"_s, u"B3"_s}});
        store.upsert({{u"id"_s, u"con_1"_s}, {u"name"_s, u"b"_s}});
        store.upsert({{u"id"_s, u"con_1"_s}, {u"name"_s, u"b"_s}}); // the same: no signal
        QCOMPARE(changed.count(), 2);
        QCOMPARE(store.value(u"con_1"_s)[u"gridPosition"_s].toString(), u"B3"_s);
        QCOMPARE(store.value(u"con_1"_s)[u"name"_s].toString(), u"b"_s);
        // Moved elsewhere: the old box's grid position no longer describes it.
        store.upsert({{u"id"_s, u"con_1"_s}, {u"parentStorageId"_s, u"box_2"_s}});
        QVERIFY(!store.value(u"con_1"_s).contains(u"gridPosition"_s));
        QCOMPARE(store.value(u"con_1"_s)[u"name"_s].toString(), u"b"_s);
        store.remove(u"con_1"_s);
        QVERIFY(!store.contains(u"con_1"_s));
    }

    void indexesChildrenByParentAsTheyMove()
    {
        ResourceStore store;
        store.upsert({{u"id"_s, u"con_1"_s}, {u"parentStorageId"_s, u"plt_1:A1"_s}});
        store.upsert({{u"id"_s, u"con_2"_s}, {u"parentStorageId"_s, u"box_1"_s}});
        QCOMPARE(store.childrenOf(u"plt_1"_s), QStringList{u"con_1"_s});
        store.upsert({{u"id"_s, u"con_1"_s}, {u"parentStorageId"_s, u"box_1"_s}});
        QVERIFY(store.childrenOf(u"plt_1"_s).isEmpty());
        QStringList inBox = store.childrenOf(u"box_1"_s);
        inBox.sort();
        QCOMPARE(inBox, (QStringList{u"con_1"_s, u"con_2"_s}));
    }

    // childrenListed() turns true once per parent (until the parent is removed): it says so, for
    // views that count children and keep the count.
    void childrenCompleteSaysWhenAListingFirstShowedThemAll()
    {
        ResourceStore store;
        store.upsert({{u"id"_s, u"box_1"_s}});
        QSignalSpy complete(&store, &ResourceStore::childrenComplete);
        store.setChildrenListed(u"box_1"_s);
        QCOMPARE(complete.size(), 1);
        QCOMPARE(complete.first().first().toString(), u"box_1"_s);
        store.setChildrenListed(u"box_1"_s); // listed again: childrenListed() was true already
        QCOMPARE(complete.size(), 1);
        store.remove(u"box_1"_s);
        QVERIFY(!store.childrenListed(u"box_1"_s));
        store.setChildrenListed(u"box_1"_s);
        QCOMPARE(complete.size(), 2);
    }

    void typedResourcesKeepUnknownFields()
    {
        const QJsonObject json{{u"id"_s, u"con_x"_s},
                               {u"name"_s, u"Tube"_s},
                               {u"parentStorageId"_s, u"plt_9:H12"_s},
                               {u"quantity"_s, QJsonObject{{u"value"_s, 5}, {u"units"_s, u"uL"_s}}},
                               {u"somethingNew"_s, QJsonObject{{u"deep"_s, 1}}}};
        Container tube = Container::fromJson(json);
        QCOMPARE(tube.storageId(), u"plt_9"_s);
        QCOMPARE(tube.position(), u"H12"_s);
        QCOMPARE(tube.quantityUnits(), u"uL"_s);
        QCOMPARE(tube.toJson(), json); // untouched, whole
        tube.setStorage(u"box_2"_s, u"C4"_s);
        QCOMPARE(tube.toJson()[u"somethingNew"_s][u"deep"_s].toInt(), 1);
        QCOMPARE(tube.storageId(), u"box_2"_s);
        QCOMPARE(tube.position(), u"C4"_s);

        QCOMPARE(StorageSchema::positionName({1, 2}), u"B3"_s);
        QCOMPARE(StorageSchema::positionName({26, 0}), u"AA1"_s);
        QCOMPARE(StorageSchema::cellOf(u"B3"), (GridCell{1, 2}));
        QCOMPARE(StorageSchema::cellOf(u"AA1"), (GridCell{26, 0}));
        QVERIFY(!StorageSchema::cellOf(u"3B"));
        QVERIFY(!StorageSchema::cellOf(u"B"));
        QCOMPARE(Folder::fromJson({{u"parentFolderId"_s, u"lib_1"_s}}).parentFolderId(),
                 u"lib_1"_s);
    }

    void sequencesParseOffTheGuiThread()
    {
        QJsonArray annotations;
        for (int i = 0; i < 2000; ++i)
            annotations.append(QJsonObject{{u"start"_s, i},
                                           {u"end"_s, i + 10},
                                           {u"strand"_s, 1},
                                           {u"name"_s, u"f%1"_s.arg(i)},
                                           {u"type"_s, u"CDS"_s}});
        const QJsonObject genome{
            {u"id"_s, u"seq_big"_s},
            {u"bases"_s, QString(2'000'000, u'A')},
            {u"isCircular"_s, true},
            {u"annotations"_s, annotations},
            {u"primers"_s, QJsonArray{QJsonObject{{u"bases"_s, u"ACGT"_s}}}},
            {u"translations"_s, QJsonArray{QJsonObject{{u"aminoAcids"_s, u"MK"_s}}}}};
        QFutureWatcher<QList<Sequence>> watcher;
        QSignalSpy done(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(parseSequencesAsync(QJsonArray{genome}));
        QVERIFY(done.wait(10'000));
        const Sequence sequence = watcher.result().value(0);
        QCOMPARE(sequence.kind(), Sequence::Kind::Dna);
        QCOMPARE(sequence.length(), 2'000'000);
        QCOMPARE(sequence.annotations().size(), 2000);
        QCOMPARE(sequence.annotations().at(7).name, u"f7"_s);
        QCOMPARE(sequence.primers().value(0).text, u"ACGT"_s);
        QCOMPARE(sequence.translations().value(0).text, u"MK"_s);
        QCOMPARE(sequence.toJson(), genome);
    }

    void fetchSharesOneRequestWhileInFlightAndServesFreshValues()
    {
        auto client = clientFor(m_lab.baseUrl());
        ResourceStore store(client.get());
        const QString id = m_box.tubeIds.first();
        const quint64 before = m_lab.server().requestsServed();
        QSignalSpy changed(&store, &ResourceStore::changed);
        QVERIFY(store.fetch(kContainers, id));
        QVERIFY(store.fetch(kContainers, id)); // joins the one in flight
        QVERIFY(store.isLoading(id));
        QTRY_VERIFY(!store.isLoading(id));
        QCOMPARE(m_lab.server().requestsServed() - before, 1u);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.value(id)[u"name"_s].toString(), u"Store box tube A1"_s);
        QVERIFY(!store.fetch(kContainers, id)); // fresh: no request
        QCOMPARE(m_lab.server().requestsServed() - before, 1u);
    }

    void staleValuesStayVisibleWhileTheyRevalidate()
    {
        auto client = clientFor(m_lab.baseUrl());
        ResourceStore store(client.get());
        const QString id = m_box.tubeIds.at(1);
        store.setMaxAgeMs(0);
        store.upsert({{u"id"_s, id}, {u"name"_s, u"old name"_s}});
        QTest::qWait(2);
        QVERIFY(!store.isFresh(id));
        QVERIFY(store.fetch(kContainers, id));
        QCOMPARE(store.value(id)[u"name"_s].toString(), u"old name"_s); // shown meanwhile
        QTRY_COMPARE(store.value(id)[u"name"_s].toString(), u"Store box tube A2"_s);
    }

    void aFailedFetchKeepsTheValueAndSaysWhy()
    {
        FaultProxy proxy(m_lab.baseUrl());
        QVERIFY(proxy.listen());
        auto client = clientFor(proxy.url());
        ResourceStore store(client.get());
        const QString id = m_box.tubeIds.at(2);
        const QJsonObject held{{u"id"_s, id}, {u"name"_s, u"held"_s}};
        store.upsert(held);
        proxy.vanish();
        QSignalSpy failed(&store, &ResourceStore::fetchFailed);
        QVERIFY(store.fetch(kContainers, id, ResourceStore::Policy::Revalidate));
        QVERIFY(failed.wait(15'000));
        QCOMPARE(store.value(id), held);
        QVERIFY2(store.error(id).contains(u"Cannot reach the server"_s),
                 qPrintable(store.error(id)));
    }

    void aMoveShowsAtOnceThenLandsAndUndoes()
    {
        auto client = clientFor(m_lab.baseUrl());
        ResourceStore store(client.get());
        loadBox(store);
        const QString id = m_box.tubeIds.first();
        ContainerMoveCommand move(client.get(), &store, {{id, m_box.boxId, u"C3"_s}});
        QCOMPARE(move.text(), u"Move Store box tube A1 to C3"_s);
        move.start();
        QCOMPARE(move.state(), StoreCommand::State::Pending);
        QVERIFY(store.isPending(id));
        QCOMPARE(Container(store.value(id)).position(), u"C3"_s);
        QVERIFY(finish(&move));
        QCOMPARE(move.state(), StoreCommand::State::Landed);
        QVERIFY(!store.isPending(id));
        QCOMPARE(positionInDatabase(id), QString(m_box.boxId + u":C3"_s));
        QCOMPARE(Container(store.value(id)).position(), u"C3"_s);
        QCOMPARE(store.value(id)[u"parentStorageId"_s].toString(), m_box.boxId);

        std::unique_ptr<StoreCommand> undo(move.undoCommand());
        QVERIFY(undo);
        undo->start();
        QVERIFY(finish(undo.get()));
        QCOMPARE(undo->state(), StoreCommand::State::Landed);
        QCOMPARE(positionInDatabase(id), QString(m_box.boxId + u":A1"_s));
        QCOMPARE(Container(store.value(id)).position(), u"A1"_s);
    }

    void aMoveToAnOccupiedPlaceRollsBackWithTheServersReason()
    {
        auto client = clientFor(m_lab.baseUrl());
        ResourceStore store(client.get());
        loadBox(store);
        const QString id = m_box.tubeIds.first();
        const QJsonObject before = store.value(id);
        const QString dbBefore = positionInDatabase(id);
        ContainerMoveCommand move(client.get(), &store, {{id, m_box.boxId, u"A2"_s}});
        QSignalSpy rolledBack(&move, &StoreCommand::rolledBack);
        move.start();
        QVERIFY(store.isPending(id));
        QVERIFY(finish(&move));
        QCOMPARE(move.state(), StoreCommand::State::RolledBack);
        QCOMPARE(rolledBack.count(), 1);
        QVERIFY2(move.reason().contains(u"already occupied"_s), qPrintable(move.reason()));
        QCOMPARE(store.error(id), move.reason());
        QVERIFY(!store.isPending(id));
        QCOMPARE(store.value(id), before);
        QCOMPARE(positionInDatabase(id), dbBefore);
        QVERIFY(!move.undoCommand()); // nothing landed, nothing to undo
    }

    void aMoveThroughAVanishedServerRollsBackAndLosesNothing()
    {
        FaultProxy proxy(m_lab.baseUrl());
        QVERIFY(proxy.listen());
        auto client = clientFor(proxy.url());
        ResourceStore store(client.get());
        loadBox(store);
        const QString id = m_box.tubeIds.at(1);
        const QJsonObject before = store.value(id);
        const QString dbBefore = positionInDatabase(id);
        proxy.vanish();
        ContainerMoveCommand move(client.get(), &store, {{id, m_box.boxId, u"D4"_s}});
        move.start();
        QVERIFY(finish(&move));
        QCOMPARE(move.state(), StoreCommand::State::RolledBack);
        QVERIFY2(move.reason().contains(u"Cannot reach the server"_s), qPrintable(move.reason()));
        QCOMPARE(store.value(id), before);
        QCOMPARE(positionInDatabase(id), dbBefore);
    }

    void aBulkMoveLandsAllOrRollsBackAll()
    {
        auto client = clientFor(m_lab.baseUrl());
        ResourceStore store(client.get());
        loadBox(store);
        const QStringList ids = m_box.tubeIds.mid(2, 3); // A3, A4, A5
        // One target is taken (A1): the task refuses, nothing moves.
        ContainerMoveCommand refused(client.get(), &store,
                                     {{ids[0], m_box.boxId, u"F1"_s},
                                      {ids[1], m_box.boxId, u"A1"_s},
                                      {ids[2], m_box.boxId, u"F3"_s}});
        refused.start();
        for (const QString &id : ids)
            QVERIFY(store.isPending(id));
        QVERIFY(finish(&refused));
        QCOMPARE(refused.state(), StoreCommand::State::RolledBack);
        QVERIFY2(refused.reason().contains(u"nothing was saved"_s), qPrintable(refused.reason()));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(Container(store.value(ids[i])).position(), u"A%1"_s.arg(i + 3));
            QCOMPARE(positionInDatabase(ids[i]), u"%1:A%2"_s.arg(m_box.boxId).arg(i + 3));
        }
        // All free: all land, and the undo brings all back.
        ContainerMoveCommand moved(client.get(), &store,
                                   {{ids[0], m_box.boxId, u"F1"_s},
                                    {ids[1], m_box.boxId, u"F2"_s},
                                    {ids[2], m_box.boxId, u"F3"_s}});
        QCOMPARE(moved.text(), u"Move 3 containers"_s);
        moved.start();
        QVERIFY(finish(&moved));
        QCOMPARE(moved.state(), StoreCommand::State::Landed);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!store.isPending(ids[i]));
            QCOMPARE(Container(store.value(ids[i])).position(), u"F%1"_s.arg(i + 1));
            QCOMPARE(positionInDatabase(ids[i]), u"%1:F%2"_s.arg(m_box.boxId).arg(i + 1));
        }
        std::unique_ptr<StoreCommand> undo(moved.undoCommand());
        undo->start();
        QVERIFY(finish(undo.get()));
        QCOMPARE(undo->state(), StoreCommand::State::Landed);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(positionInDatabase(ids[i]), u"%1:A%2"_s.arg(m_box.boxId).arg(i + 3));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
