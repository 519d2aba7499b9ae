// The store's item models under QAbstractItemModelTester, against the real lab server: the
// generic list (lazy pages, server-side sort and filter) and the box grid. Two models on one
// store see one change: a move made through the grid shows in the list with no new request.
#include "StoreSeed.h"
#include "models/BoxContentsModel.h"
#include "models/ResourceListModel.h"
#include "models/api/ApiClient.h"
#include "models/api/RateLimiter.h"
#include "models/store/ContainerMoveCommand.h"
#include "models/store/ResourceStore.h"

#include <QAbstractItemModelTester>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using namespace benchtop::test;
using Tester = QAbstractItemModelTester;

class TestStoreModels : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    std::unique_ptr<ApiClient> m_client;
    SeededBox m_full; // 100 tubes
    SeededBox m_few;  // 3 tubes

    quint64 served() { return m_lab.server().requestsServed(); }

    // Fetches every page; false when a page fails (or none comes within 10 s).
    static bool fetchAll(ResourceListModel &model)
    {
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        connect(&timeout, &QTimer::timeout, &loop, [&loop] { loop.exit(1); });
        connect(&model, &ResourceListModel::pageLoaded, &loop, &QEventLoop::quit);
        connect(&model, &ResourceListModel::loadFailed, &loop, &QEventLoop::quit);
        while (model.loadState() != LoadState::Loaded) {
            if (model.loadState() == LoadState::Failed)
                return false;
            if (model.canFetchMore({}))
                model.fetchMore({});
            if (model.loadState() == LoadState::Loading) {
                timeout.start(10'000);
                if (loop.exec() != 0)
                    return false;
            }
        }
        return true;
    }

    static bool open(BoxContentsModel &model)
    {
        QSignalSpy ready(&model, &BoxContentsModel::ready);
        model.open();
        return model.loadState() == LoadState::Loaded || ready.wait(10'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
        m_full = seedBox(*m_api, u"Full box"_s, 100);
        m_few = seedBox(*m_api, u"Few box"_s, 3);
        QVERIFY(!m_full.boxId.isEmpty() && !m_few.boxId.isEmpty());
        m_client = std::make_unique<ApiClient>(Connection{m_lab.baseUrl(), m_lab.apiKey(), 5'000});
        m_client->rateLimiter()->setRate(0, 1);
    }

    void listPagesLazilyWithServerSideFilterAndSort()
    {
        ResourceStore store(m_client.get());
        ContainerListModel model(m_client.get(), &store);
        model.setPageSize(30);
        model.setFilter(u"parentStorageIds"_s, m_full.boxId);
        model.setSort(u"name:desc"_s);
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"Barcode"_s);
        const quint64 before = served();
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(served() - before, 4u);                                      // 30 + 30 + 30 + 10
        QCOMPARE(model.index(0, 0).data().toString(), u"Full box tube J9"_s); // "J9" > "J10"
        QCOMPARE(model.index(0, 0).data(IdRole).toString(), store.value(model.idAt(0))[u"id"_s]);
        QCOMPARE(model.index(0, ContainerListModel::StorageColumn).data().toString(),
                 m_full.boxId); // the box is not in the store: its id stands in
        QCOMPARE(model.index(0, 0).data(LoadStateRole).toInt(), int(LoadState::Loaded));
        QVERIFY(!model.canFetchMore({}));

        // A new filter starts again; the tester checks the reset.
        model.setFilter(u"parentStorageIds"_s, m_few.boxId);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(fetchAll(model));
        QCOMPARE(model.rowCount(), 3);

        // A second pass with the tester fetching nothing itself.
        ContainerListModel second(m_client.get(), &store);
        second.setFilter(u"parentStorageIds"_s, m_few.boxId);
        QVERIFY(fetchAll(second));
        Tester eager(&second, Tester::FailureReportingMode::QtTest);
        eager.setUseFetchMore(false);
        QCOMPARE(second.rowCount(), 3);
    }

    void sequencesListWithTheirLengthAndTopology()
    {
        ResourceStore store(m_client.get());
        SequenceListModel model(m_client.get(), &store, {u"/dna-sequences"_s, u"dnaSequences"_s});
        model.setSort(u"name:asc"_s);
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        QVERIFY(fetchAll(model));
        QVERIFY(model.rowCount() > 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QJsonObject sequence = model.index(row, 0).data(ResourceRole).toJsonObject();
            QCOMPARE(model.index(row, 0).data().toString(), sequence[u"name"_s].toString());
            QCOMPARE(model.index(row, 1).data().toLongLong(),
                     qint64(sequence[u"bases"_s].toString().size()));
            QCOMPARE(model.index(row, 2).data().toString(),
                     sequence[u"isCircular"_s].toBool() ? u"circular"_s : u"linear"_s);
        }
    }

    void aListTheServerRefusesFailsWithAReasonAndCanRetry()
    {
        ResourceStore store(m_client.get());
        ContainerListModel model(m_client.get(), &store);
        model.setSort(u"colour:asc"_s);
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        QSignalSpy failed(&model, &ResourceListModel::loadFailed);
        if (model.loadState() != LoadState::Failed) {
            if (model.canFetchMore({}))
                model.fetchMore({});
            QVERIFY(failed.wait(10'000));
        }
        QCOMPARE(model.loadState(), LoadState::Failed);
        QVERIFY2(model.errorMessage().contains(u"sort"_s), qPrintable(model.errorMessage()));
        QVERIFY(!model.canFetchMore({})); // no retry loop from a view's scrolling
        QCOMPARE(model.rowCount(), 0);
        const quint64 before = served();
        model.retry();
        QTRY_COMPARE(model.loadState(), LoadState::Failed);
        QCOMPARE(served() - before, 1u);
    }

    void entriesShowNameIdAndChange()
    {
        // The notebook routes may not be there yet: either outcome must be a proper model.
        ResourceStore store(m_client.get());
        EntryListModel model(m_client.get(), &store);
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"ID"_s);
        fetchAll(model);
        QVERIFY(model.loadState() == LoadState::Loaded || model.loadState() == LoadState::Failed);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QJsonObject entry = model.index(row, 0).data(ResourceRole).toJsonObject();
            QCOMPARE(model.index(row, 1).data().toString(), entry[u"displayId"_s].toString());
        }
    }

    void aRemovedResourceLeavesTheList()
    {
        ResourceStore store(m_client.get());
        ContainerListModel model(m_client.get(), &store);
        model.setFilter(u"parentStorageIds"_s, m_few.boxId);
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        QVERIFY(fetchAll(model));
        const QString gone = model.idAt(1);
        store.remove(gone);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(gone), -1);
        QCOMPARE(model.rowOf(model.idAt(1)), 1);
    }

    void aBoxOpensColdInThreeRequestsAndWarmInNone()
    {
        ResourceStore store(m_client.get());
        BoxContentsModel cold(m_client.get(), &store, m_full.boxId);
        Tester tester(&cold, Tester::FailureReportingMode::QtTest);
        const quint64 before = served();
        QVERIFY(open(cold));
        QCOMPARE(served() - before, 3u); // box, schema, contents
        QCOMPARE(cold.rowCount(), 10);
        QCOMPARE(cold.columnCount(), 10);
        QCOMPARE(cold.headerData(1, Qt::Vertical).toString(), u"B"_s);
        QCOMPARE(cold.headerData(2, Qt::Horizontal).toString(), u"3"_s);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(cold.idAt(m_full.positions[i]), m_full.tubeIds[i]);
        const QModelIndex b3 = cold.index(1, 2);
        QCOMPARE(b3.data(PositionRole).toString(), u"B3"_s);
        QCOMPARE(b3.data().toString(), u"Full box tube B3"_s);
        QCOMPARE(b3.data(ResourceRole).toJsonObject()[u"id"_s].toString(), cold.idAt(u"B3"_s));

        const quint64 warmBefore = served();
        BoxContentsModel warm(m_client.get(), &store, m_full.boxId);
        Tester warmTester(&warm, Tester::FailureReportingMode::QtTest);
        QVERIFY(open(warm));
        QCOMPARE(served() - warmBefore, 0u);
        QCOMPARE(warm.index(9, 9).data().toString(), u"Full box tube J10"_s);

        BoxContentsModel partly(m_client.get(), &store, m_few.boxId);
        Tester partlyTester(&partly, Tester::FailureReportingMode::QtTest);
        QVERIFY(open(partly));
        QCOMPARE(partly.index(0, 2).data().toString(), u"Few box tube A3"_s);
        QVERIFY(partly.index(0, 3).data(IdRole).toString().isEmpty());
        QCOMPARE(partly.index(0, 3).data(Qt::ToolTipRole).toString(), u"A4: empty"_s);
    }

    void aTubeMovedBetweenBoxesLeavesOneListAndJoinsTheOther()
    {
        const SeededBox from = seedBox(*m_api, u"From box"_s, 2);
        const SeededBox to = seedBox(*m_api, u"To box"_s, 1);
        QVERIFY(!from.boxId.isEmpty() && !to.boxId.isEmpty());
        ResourceStore store(m_client.get());
        ContainerListModel fromList(m_client.get(), &store);
        ContainerListModel toList(m_client.get(), &store);
        fromList.setFilter(u"parentStorageIds"_s, from.boxId);
        toList.setFilter(u"parentStorageIds"_s, to.boxId);
        Tester fromTester(&fromList, Tester::FailureReportingMode::QtTest);
        Tester toTester(&toList, Tester::FailureReportingMode::QtTest);
        QVERIFY(fetchAll(fromList));
        QVERIFY(fetchAll(toList));
        QCOMPARE(fromList.rowCount(), 2);
        QCOMPARE(toList.rowCount(), 1);

        const QString tube = from.tubeIds[0];
        const quint64 before = served();
        ContainerMoveCommand move(m_client.get(), &store, {{tube, to.boxId, u"A1"_s}});
        move.start(); // A1 of the other box is taken: the server refuses
        QVERIFY(fromList.index(fromList.rowOf(tube), 0).data(PendingRole).toBool());
        QCOMPARE(toList.rowOf(tube), -1); // not until it lands
        QSignalSpy refused(&move, &StoreCommand::finished);
        QVERIFY(refused.wait(10'000));
        QCOMPARE(move.state(), StoreCommand::State::RolledBack);
        QCOMPARE(fromList.rowCount(), 2);
        QCOMPARE(toList.rowCount(), 1);

        ContainerMoveCommand again(m_client.get(), &store, {{tube, to.boxId, u"B2"_s}});
        again.start();
        QSignalSpy landed(&again, &StoreCommand::finished);
        QVERIFY(landed.wait(10'000));
        QCOMPARE(again.state(), StoreCommand::State::Landed);
        QCOMPARE(fromList.rowCount(), 1);
        QCOMPARE(fromList.rowOf(tube), -1);
        QCOMPARE(toList.rowCount(), 2);
        const int row = toList.rowOf(tube);
        QCOMPARE(row, 1);
        QCOMPARE(toList.index(row, ContainerListModel::PositionColumn).data().toString(), u"B2"_s);
        QCOMPARE(served() - before, 2u); // the two PATCHes, no listing again
    }

    void aStaleBoxShowsWhatItKnewThenCatchesUp()
    {
        const SeededBox box = seedBox(*m_api, u"Stale box"_s, 2); // A1, A2
        const SeededBox other = seedBox(*m_api, u"Other box"_s, 0);
        QVERIFY(!box.boxId.isEmpty() && !other.boxId.isEmpty());
        ResourceStore store(m_client.get());
        {
            BoxContentsModel first(m_client.get(), &store, box.boxId);
            QVERIFY(open(first));
        }
        // Another client rearranges the box: A1 to C1, A2 out to the other box, a new tube in B1.
        QCOMPARE(m_api
                     ->patch(u"/containers/"_s + box.tubeIds[0],
                             {{u"parentStorageId"_s, QString(box.boxId + u":C1"_s)}})
                     .status,
                 200);
        QCOMPARE(m_api
                     ->patch(u"/containers/"_s + box.tubeIds[1],
                             {{u"parentStorageId"_s, QString(other.boxId + u":A1"_s)}})
                     .status,
                 200);
        const ApiResponse added =
            m_api->post(u"/containers"_s, {{u"name"_s, u"Newcomer"_s},
                                           {u"schemaId"_s, box.tubeSchemaId},
                                           {u"parentStorageId"_s, QString(box.boxId + u":B1"_s)}});
        QCOMPARE(added.status, 201);

        store.setMaxAgeMs(0); // everything held is stale now
        BoxContentsModel grid(m_client.get(), &store, box.boxId);
        Tester tester(&grid, Tester::FailureReportingMode::QtTest);
        const quint64 before = served();
        grid.open();
        // At once, from the store: the box as it was.
        QCOMPARE(grid.loadState(), LoadState::Loaded);
        QCOMPARE(grid.idAt(u"A1"_s), box.tubeIds[0]);
        QCOMPARE(grid.idAt(u"A2"_s), box.tubeIds[1]);
        // Then as it is.
        QTRY_COMPARE(grid.idAt(u"C1"_s), box.tubeIds[0]);
        QTRY_VERIFY(grid.idAt(u"A2"_s).isEmpty());
        QVERIFY(grid.idAt(u"A1"_s).isEmpty());
        QCOMPARE(grid.idAt(u"B1"_s), added.json[u"id"_s].toString());
        QCOMPARE(store.value(box.tubeIds[1])[u"parentStorageId"_s].toString(), other.boxId);
        QVERIFY(!store.value(box.tubeIds[1]).contains(u"gridPosition"_s)); // its old place went
        // The box, its schema, its contents, and one :bulk-get for the tube that left.
        QTRY_COMPARE(served() - before, 4u);
    }

    void aMoveThroughOneModelShowsInAnotherWithoutARequest()
    {
        ResourceStore store(m_client.get());
        BoxContentsModel grid(m_client.get(), &store, m_few.boxId);
        ContainerListModel list(m_client.get(), &store);
        list.setFilter(u"parentStorageIds"_s, m_few.boxId);
        Tester gridTester(&grid, Tester::FailureReportingMode::QtTest);
        Tester listTester(&list, Tester::FailureReportingMode::QtTest);
        QVERIFY(open(grid));
        QVERIFY(fetchAll(list));
        const QString tube = grid.idAt(u"A1"_s);
        const int row = list.rowOf(tube);
        QVERIFY(row >= 0);
        QCOMPARE(list.index(row, ContainerListModel::PositionColumn).data().toString(), u"A1"_s);

        QSignalSpy listChanged(&list, &QAbstractItemModel::dataChanged);
        const quint64 before = served();
        ContainerMoveCommand *move = grid.move(u"A1"_s, u"E5"_s);
        QVERIFY(move);
        // At once, before the server answered: both models show the tube pending at E5.
        QCOMPARE(grid.idAt(u"E5"_s), tube);
        QVERIFY(grid.idAt(u"A1"_s).isEmpty());
        QVERIFY(grid.indexOf(u"E5"_s).data(PendingRole).toBool());
        QCOMPARE(list.index(row, ContainerListModel::PositionColumn).data().toString(), u"E5"_s);
        QVERIFY(list.index(row, 0).data(PendingRole).toBool());
        QVERIFY(!listChanged.isEmpty());
        QSignalSpy finished(move, &StoreCommand::finished);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(move->state(), StoreCommand::State::Landed);
        QVERIFY(!list.index(row, 0).data(PendingRole).toBool());
        QVERIFY(!grid.indexOf(u"E5"_s).data(PendingRole).toBool());
        QCOMPARE(list.index(row, ContainerListModel::PositionColumn).data().toString(), u"E5"_s);
        QCOMPARE(served() - before, 1u); // the PATCH alone

        // Refused (A2 is taken): both show it back at E5 with the reason.
        ContainerMoveCommand *refused = grid.move(u"E5"_s, u"A2"_s);
        QSignalSpy refusedDone(refused, &StoreCommand::finished);
        QVERIFY(refusedDone.wait(10'000));
        QCOMPARE(refused->state(), StoreCommand::State::RolledBack);
        QCOMPARE(grid.idAt(u"E5"_s), tube);
        QCOMPARE(grid.indexOf(u"E5"_s).data(ErrorRole).toString(), refused->reason());
        QCOMPARE(list.index(row, 0).data(ErrorRole).toString(), refused->reason());
        QCOMPARE(list.index(row, 0).data(LoadStateRole).toInt(), int(LoadState::Failed));
        QCOMPARE(list.index(row, ContainerListModel::PositionColumn).data().toString(), u"E5"_s);

        // Moved to another box: it leaves this grid.
        ContainerMoveCommand *away = grid.move(u"E5"_s, u"J10"_s, m_full.boxId);
        QVERIFY(grid.idAt(u"E5"_s).isEmpty());
        QSignalSpy awayDone(away, &StoreCommand::finished);
        QVERIFY(awayDone.wait(10'000));
        QVERIFY2(away->state() == StoreCommand::State::RolledBack, "J10 of the full box is taken");
        QCOMPARE(grid.idAt(u"E5"_s), tube);
    }
};

QTEST_GUILESS_MAIN(TestStoreModels)
#include "tst_storemodels.moc"
