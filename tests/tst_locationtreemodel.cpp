// The lazy location tree, under QAbstractItemModelTester, against the real lab server.
#include "TestLabServer.h"
#include "models/LocationTreeModel.h"
#include "models/api/ApiClient.h"
#include "models/store/ResourceStore.h"
#include "server/Ids.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using benchtop::test::TestLabServer;

class TestLocationTreeModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestLabServer> m_lab;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<ResourceStore> m_store;
    std::unique_ptr<LocationTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    void makeModel()
    {
        m_tester.reset();
        m_model.reset();
        m_store = std::make_unique<ResourceStore>();
        m_client =
            std::make_unique<ApiClient>(Connection{m_lab->baseUrl(), m_lab->apiKey(), 5'000});
        m_model = std::make_unique<LocationTreeModel>(m_client.get(), m_store.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    // Fetches `parent`'s children and waits until the listing is complete.
    bool load(const QModelIndex &parent)
    {
        // The tester walks the model and may already have started a fetch of its own.
        const QPersistentModelIndex target(parent);
        QSignalSpy finished(m_model.get(), &LocationTreeModel::loadFinished);
        for (;;) {
            if (m_model->loadState(target) == LoadState::Loading) {
                if (!finished.wait(10'000))
                    return false;
                continue;
            }
            if (!m_model->canFetchMore(target))
                break;
            m_model->fetchMore(target);
        }
        return m_model->loadState(target) == LoadState::Loaded;
    }

    QStringList names(const QModelIndex &parent) const
    {
        QStringList result;
        for (int row = 0; row < m_model->rowCount(parent); ++row)
            result.append(m_model->index(row, 0, parent).data().toString());
        return result;
    }

    QModelIndex find(const QString &name, const QModelIndex &parent = {}) const
    {
        const int row = names(parent).indexOf(name);
        return row < 0 ? QModelIndex() : m_model->index(row, 0, parent);
    }

private Q_SLOTS:
    void init()
    {
        m_lab = std::make_unique<TestLabServer>();
        QVERIFY(m_lab->start());
        makeModel();
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_client.reset();
        m_lab.reset();
    }

    void startsEmptyAndLazy()
    {
        // Without a tester (which itself fetches), to see that nothing loads until asked.
        LocationTreeModel model(m_client.get(), m_store.get());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.hasChildren());
        QVERIFY(model.canFetchMore({}));
        QTest::qWait(100);
        QCOMPARE(model.loadState({}), LoadState::NotLoaded);
        QCOMPARE(model.rowCount(), 0);
    }

    void loadsTopLevelThenChildren()
    {
        QVERIFY(load({}));
        QCOMPARE(names({}), (QStringList{u"Cold room (4 °C)"_s, u"Freezer F1 (−80 °C)"_s,
                                         u"Freezer F2 (−20 °C)"_s}));
        const QModelIndex f1 = find(u"Freezer F1 (−80 °C)"_s);
        QCOMPARE(f1.data(IdRole).toString().left(4), u"loc_"_s);
        QCOMPARE(m_model->index(f1.row(), LocationTreeModel::BarcodeColumn).data().toString(),
                 u"FRZ-001"_s);
        QVERIFY(m_model->hasChildren(f1));
        QVERIFY(load(f1));
        QCOMPARE(names(f1), (QStringList{u"Shelf 1"_s, u"Shelf 2"_s, u"Shelf 3"_s, u"Shelf 4"_s,
                                         u"Shelf 5"_s}));
        const QJsonObject shelf = m_model->index(0, 0, f1).data(ResourceRole).toJsonObject();
        QCOMPARE(shelf[u"parentStorageId"_s].toString(), f1.data(IdRole).toString());
    }

    void expandingBelowAListedNodeNeedsNoRequest()
    {
        QVERIFY(load({}));
        const QModelIndex f1 = find(u"Freezer F1 (−80 °C)"_s);
        QVERIFY(load(f1));
        const quint64 before = m_lab->server().requestsServed();
        const QModelIndex shelf2 = find(u"Shelf 2"_s, f1);
        QVERIFY(load(shelf2)); // answered from what the freezer's listing showed
        QCOMPARE(names(shelf2),
                 (QStringList{u"Rack 2-A"_s, u"Rack 2-B"_s, u"Rack 2-C"_s, u"Rack 2-D"_s}));
        const QModelIndex rack = m_model->index(0, 0, shelf2);
        QVERIFY(!m_model->hasChildren(rack)); // known empty: no expand arrow
        QVERIFY(!m_model->canFetchMore(rack));
        QCOMPARE(m_lab->server().requestsServed(), before);
    }

    void sortsNumbersAsPeopleDo()
    {
        const QString now = benchtop::server::timestampNow();
        for (const QString &name : {u"Box 10"_s, u"Box 2"_s, u"box 1"_s}) {
            m_lab->database().exec(u"INSERT INTO resources (kind, id, name, created_at, modified_at) "
                                   "VALUES ('location', ?, ?, ?, ?)"_s,
                                   {benchtop::server::newId(u"loc_"), name, now, now});
        }
        QVERIFY(load({}));
        QCOMPARE(names({}).mid(0, 3), (QStringList{u"box 1"_s, u"Box 2"_s, u"Box 10"_s}));
    }

    void pagesTheTopLevelOnDemand()
    {
        const QString now = benchtop::server::timestampNow();
        QVERIFY(m_lab->database().transaction([&] {
            for (int i = 0; i < 230; ++i) {
                m_lab->database().exec(
                    u"INSERT INTO resources (kind, id, name, created_at, modified_at) VALUES ('location', ?, ?, ?, ?)"_s,
                    {benchtop::server::newId(u"loc_"), u"Room %1"_s.arg(i), now, now});
            }
            return true;
        }));
        QSignalSpy finished(m_model.get(), &LocationTreeModel::loadFinished);
        m_model->fetchMore({});
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.at(0).at(1).toBool(), false); // more pages left
        // One page of 100 names, of which only the top-level ones become rows.
        QVERIFY(m_model->rowCount() > 0 && m_model->rowCount() < 100);
        // More to fetch (the tester may already be fetching it as it walks the new rows).
        QVERIFY(m_model->canFetchMore({}) || m_model->loadState({}) == LoadState::Loading);
        QVERIFY(load({}));
        QCOMPARE(m_model->rowCount(), 233);
        QVERIFY(!m_model->canFetchMore({}));
    }

    void storeChangesReachTheRows()
    {
        QVERIFY(load({}));
        const QModelIndex room = find(u"Cold room (4 °C)"_s);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QJsonObject renamed = room.data(ResourceRole).toJsonObject();
        renamed[u"name"_s] = u"Cold room B"_s;
        m_store->upsert(renamed);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(room.data().toString(), u"Cold room B"_s);
        m_store->upsert(renamed); // the same value again: no signal
        QCOMPARE(changed.count(), 1);
    }

    void aMoveLeavesTheOldRowAndJoinsTheNewParent()
    {
        QVERIFY(load({}));
        const QModelIndex f1 = find(u"Freezer F1 (−80 °C)"_s);
        QVERIFY(load(f1));
        const QPersistentModelIndex shelf1 = find(u"Shelf 1"_s, f1);
        const QPersistentModelIndex shelf2 = find(u"Shelf 2"_s, f1);
        QVERIFY(load(shelf1));
        QVERIFY(load(shelf2));
        QCOMPARE(m_model->rowCount(shelf1), 4);

        // The store learns that Rack 1-A now stands on Shelf 2 (as after a move command).
        QJsonObject rack = find(u"Rack 1-A"_s, shelf1).data(ResourceRole).toJsonObject();
        rack[u"parentStorageId"_s] = shelf2.data(IdRole).toString();
        m_store->upsert(rack);
        QCOMPARE(names(shelf1), (QStringList{u"Rack 1-B"_s, u"Rack 1-C"_s, u"Rack 1-D"_s}));
        QCOMPARE(names(shelf2), (QStringList{u"Rack 1-A"_s, u"Rack 2-A"_s, u"Rack 2-B"_s,
                                             u"Rack 2-C"_s, u"Rack 2-D"_s}));
        QCOMPARE(m_model->indexForId(rack[u"id"_s].toString()).parent(), QModelIndex(shelf2));
        QVERIFY(!m_model->canFetchMore(shelf1)); // nothing left "unseen" behind

        // And back, past the rows that are there now.
        rack[u"parentStorageId"_s] = shelf1.data(IdRole).toString();
        m_store->upsert(rack);
        QCOMPARE(m_model->rowCount(shelf1), 4);
        QCOMPARE(m_model->rowCount(shelf2), 4);
    }

    void failureIsReportedAndRetried()
    {
        m_lab->stop();
        QSignalSpy failed(m_model.get(), &LocationTreeModel::loadFailed);
        m_model->fetchMore({});
        QVERIFY(failed.wait(10'000));
        QCOMPARE(m_model->loadState({}), LoadState::Failed);
        QVERIFY(failed.at(0).at(1).toString().contains(u"Cannot reach"_s));
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->canFetchMore({})); // no automatic retry loop against a dead server
        QCOMPARE(m_model->index(0, 0).isValid(), false);

        QVERIFY(m_lab->start()); // same port, same data
        QSignalSpy finished(m_model.get(), &LocationTreeModel::loadFinished);
        m_model->retry({});
        QVERIFY(finished.wait(10'000));
        QCOMPARE(m_model->rowCount(), 3);
    }

    void worksWithoutFetchMoreInTester()
    {
        QVERIFY(load({}));
        QVERIFY(load(find(u"Freezer F2 (−20 °C)"_s)));
        // A second pass over the loaded tree, without the tester calling fetchMore itself.
        m_tester.reset();
        QAbstractItemModelTester tester(m_model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        QCOMPARE(m_model->rowCount(find(u"Freezer F2 (−20 °C)"_s)), 3);
    }
};

QTEST_GUILESS_MAIN(TestLocationTreeModel)
#include "tst_locationtreemodel.moc"
