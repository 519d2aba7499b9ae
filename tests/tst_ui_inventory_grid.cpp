// The inventory grids against the real lab server: models under QAbstractItemModelTester, drag
// and drop at the model API (mimeData -> canDropMimeData -> dropMimeData), once through the
// view (synthetic QDragMove/QDropEvent on the grid's viewport: QDrag::exec blocks in a nested
// loop, so the view's drag handlers are driven directly), keyboard moves, undo/redo of a
// multi-tube move, two clients racing for one position, and the server vanishing mid-drop.
#include "StoreSeed.h"
#include "models/BoxContentsModel.h"
#include "models/LocationTreeModel.h"
#include "models/api/ApiClient.h"
#include "models/api/RateLimiter.h"
#include "models/inventory/ContainerMime.h"
#include "models/inventory/InventoryMover.h"
#include "models/store/ResourceStore.h"
#include "support/FaultProxy.h"
#include "widgets/inventory/BoxGridView.h"
#include "widgets/inventory/BoxPanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace benchtop;
using namespace benchtop::models;
using namespace benchtop::test;
using Tester = QAbstractItemModelTester;

class TestInventoryGrid : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;

    std::unique_ptr<ApiClient> client(const QUrl &url)
    {
        auto c = std::make_unique<ApiClient>(Connection{url, m_lab.apiKey(), 5'000});
        c->rateLimiter()->setRate(0, 1);
        return c;
    }
    // Expands every row the tree has and says whether all its listings are done.
    static bool expandedAndLoaded(QTreeView &view, LocationTreeModel &tree)
    {
        view.expandAll();
        QList<QModelIndex> pending{QModelIndex()};
        while (!pending.isEmpty()) {
            const QModelIndex index = pending.takeFirst();
            if (tree.loadState(index) == LoadState::Loading || tree.canFetchMore(index))
                return false;
            for (int row = 0; row < tree.rowCount(index); ++row)
                pending.append(tree.index(row, 0, index));
        }
        return true;
    }
    // The count a row must show, worked out here from the store and the rows below it (the
    // rule the tree has always followed): a box or plate from its tubes once the store holds
    // them all, else from the server's capacity fields (a fixed well plate: its wells); a
    // location, the sum of what is below it.
    static std::pair<int, int> expectedFilled(const LocationTreeModel &tree,
                                              const ResourceStore &store, const QModelIndex &index)
    {
        const QString id = index.data(IdRole).toString();
        if (id.startsWith(u"box_"_s) || id.startsWith(u"plt_"_s)) {
            const QJsonObject storage = store.value(id);
            const QJsonValue total = storage.value(u"totalCapacity"_s);
            if (total.isNull() || total.isUndefined()) {
                const int wells = int(storage.value(u"wells"_s).toObject().size());
                return {wells, wells};
            }
            return {store.childrenListed(id) ? int(store.childrenOf(id).size())
                                             : storage.value(u"occupiedCapacity"_s).toInt(),
                    total.toInt()};
        }
        std::pair<int, int> sum{0, 0};
        for (int row = 0; row < tree.rowCount(index); ++row) {
            const auto [f, t] = expectedFilled(tree, store, tree.index(row, 0, index));
            sum.first += f;
            sum.second += t;
        }
        return sum;
    }
    // The first row whose Filled column differs from expectedFilled(), described; or empty.
    static QString wrongCount(const LocationTreeModel &tree, const ResourceStore &store,
                              const QModelIndex &parent = {})
    {
        for (int row = 0; row < tree.rowCount(parent); ++row) {
            const QModelIndex index = tree.index(row, 0, parent);
            const auto [f, t] = expectedFilled(tree, store, index);
            const QString want = t > 0 ? u"%1 / %2"_s.arg(f).arg(t) : QString();
            const QString shown =
                tree.index(row, LocationTreeModel::FilledColumn, parent).data().toString();
            if (shown != want)
                return u"%1 shows '%2', not '%3'"_s.arg(index.data().toString(), shown, want);
            if (QString below = wrongCount(tree, store, index); !below.isEmpty())
                return below;
        }
        return {};
    }
    static bool open(BoxContentsModel &model)
    {
        QSignalSpy ready(&model, &BoxContentsModel::ready);
        model.open();
        return model.loadState() == LoadState::Loaded || ready.wait(10'000);
    }
    QString serverPosition(const QString &tube)
    {
        const QJsonObject c = m_api->get(u"/containers/"_s + tube).json;
        return c[u"parentStorageId"_s].toString();
    }
    QString boxContentsAt(const QString &box, const QString &position)
    {
        for (const QJsonValue &c : m_api->get(u"/boxes/"_s + box + u"/contents?pageSize=100"_s)
                                       .json[u"containers"_s]
                                       .toArray())
            if (c[u"gridPosition"_s].toString() == position)
                return c[u"id"_s].toString();
        return {};
    }
    static std::unique_ptr<QMimeData> drag(BoxContentsModel &model, const QStringList &positions)
    {
        QModelIndexList indexes;
        for (const QString &p : positions)
            indexes.append(model.indexOf(p));
        model.setDragAnchor(positions.first());
        return std::unique_ptr<QMimeData>(model.mimeData(indexes));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
    }

    void treeListsBoxesAndPlatesWithCounts()
    {
        auto c = client(m_lab.baseUrl());
        ResourceStore store(c.get());
        LocationTreeModel tree(c.get(), &store);
        tree.setShowsStorage(true);
        Tester tester(&tree, Tester::FailureReportingMode::QtTest);
        QSignalSpy finished(&tree, &LocationTreeModel::loadFinished);
        tree.fetchMore({});
        const QString minipreps = idWhere(*m_api, u"/boxes?pageSize=100"_s, u"boxes"_s, u"name"_s,
                                          u"Plasmid minipreps"_s);
        // The listing walks locations, then boxes, then plates; the last page says complete.
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() && finished.last().at(1).toBool(), 10'000);
        QStringList path = tree.pathOf(minipreps);
        QCOMPARE(path.last(), u"Plasmid minipreps"_s);
        QCOMPARE(path.first(), u"Freezer F1 (−80 °C)"_s);
        const auto [filled, total] = tree.filledOf(minipreps);
        QCOMPARE(filled, 14);
        QCOMPARE(total, 81);
        // A location sums the boxes below it.
        const QString freezer = tree.index(1, 0).data(IdRole).toString();
        QVERIFY(tree.filledOf(freezer).second >= 81 + 100 + 81);
        QCOMPARE(tree.index(1, LocationTreeModel::FilledColumn).data().toString(),
                 u"%1 / %2"_s.arg(tree.filledOf(freezer).first).arg(tree.filledOf(freezer).second));
    }

    // Painting the expanded tree again works out no count again: each row's count is kept
    // until the store reports a change below it (a move, a new listing, a tube gone), and then
    // only the rows on the way up from there are worked out again — with the same numbers the
    // tree has always shown.
    void treeCountsAreKeptUntilSomethingBelowChanges()
    {
        const SeededBox a = seedBox(*m_api, u"Counts A"_s, 3);
        const SeededBox b = seedBox(*m_api, u"Counts B"_s, 1);
        const SeededBox c = seedBox(*m_api, u"Counts C"_s, 2);
        QVERIFY(!a.boxId.isEmpty() && !b.boxId.isEmpty() && !c.boxId.isEmpty());
        auto cl = client(m_lab.baseUrl());
        ResourceStore store(cl.get());
        LocationTreeModel tree(cl.get(), &store);
        tree.setShowsStorage(true);
        Tester tester(&tree, Tester::FailureReportingMode::QtTest);
        QTreeView view;
        view.setModel(&tree);
        view.resize(600, 3000); // every row on screen
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        tree.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(expandedAndLoaded(view, tree), 20'000);
        QVERIFY(tree.indexForId(a.boxId).isValid());
        const auto shown = [&](const QString &id) {
            const QModelIndex row = tree.indexForId(id);
            return row.siblingAtColumn(LocationTreeModel::FilledColumn).data().toString();
        };
        QCOMPARE(shown(a.boxId), u"3 / 100"_s);
        QCOMPARE(shown(c.boxId), u"2 / 100"_s);
        QString wrong = wrongCount(tree, store);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));

        // Painting again and again: nothing is worked out again.
        view.viewport()->repaint();
        const qint64 afterFirstPaint = tree.filledComputations();
        QVERIFY(afterFirstPaint > 0);
        for (int i = 0; i < 5; ++i)
            view.viewport()->repaint();
        QCOMPARE(tree.filledComputations(), afterFirstPaint);

        // A move between two boxes whose tubes the store holds: both counts and the rows above
        // them follow, and only that path (box, rack, shelf, freezer for each box) is redone.
        InventoryMover mover(cl.get(), &store);
        BoxContentsModel from(cl.get(), &store, a.boxId);
        BoxContentsModel to(cl.get(), &store, b.boxId);
        QVERIFY(open(from));
        QVERIFY(open(to));
        view.viewport()->repaint();
        const qint64 beforeMove = tree.filledComputations();
        QSignalSpy done(&mover, &InventoryMover::finished);
        mover.move({{a.tubeIds.first(), b.boxId, u"C3"_s}});
        QCOMPARE(shown(a.boxId), u"2 / 100"_s); // pending already
        QCOMPARE(shown(b.boxId), u"2 / 100"_s);
        QVERIFY(done.wait(10'000));
        QVERIFY2(done.last().at(0).toBool(), qPrintable(done.last().at(1).toString()));
        view.viewport()->repaint();
        QCOMPARE(shown(a.boxId), u"2 / 100"_s);
        QCOMPARE(shown(b.boxId), u"2 / 100"_s);
        wrong = wrongCount(tree, store);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        int depth = 0;
        for (QModelIndex at = tree.indexForId(a.boxId); at.isValid(); at = at.parent())
            ++depth;
        const qint64 redone = tree.filledComputations() - beforeMove;
        QVERIFY2(redone > 0 && redone <= 2 * (depth + 1) + 2,
                 qPrintable(u"%1 counts redone for a path of %2 rows"_s.arg(redone).arg(depth)));

        // Behind the store's back a tube leaves C; the store then takes C's contents and learns
        // it holds them all: C's row counts what the store holds from then on.
        const auto moved = m_api->patch(u"/containers/"_s + c.tubeIds.first(),
                                        {{u"parentStorageId"_s, QString(b.boxId + u":D4"_s)}});
        QCOMPARE(moved.status, 200);
        store.upsertMany(m_api->get(u"/boxes/"_s + c.boxId + u"/contents?pageSize=100"_s)
                             .json.value(u"containers"_s)
                             .toArray());
        view.viewport()->repaint();
        QCOMPARE(shown(c.boxId), u"2 / 100"_s); // the listing's capacity fields still
        store.setChildrenListed(c.boxId);
        view.viewport()->repaint();
        QCOMPARE(shown(c.boxId), u"1 / 100"_s);
        wrong = wrongCount(tree, store);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));

        // Box C moves to the next rack (as after a move command): both racks and what is above
        // them count it where it is now.
        const QModelIndex rack = tree.indexForId(c.rackId);
        QModelIndex otherRack;
        for (int row = 0; row < tree.rowCount(rack.parent()) && !otherRack.isValid(); ++row) {
            const QModelIndex sibling = tree.index(row, 0, rack.parent());
            if (sibling != rack && sibling.data(IdRole).toString().startsWith(u"loc_"_s))
                otherRack = sibling;
        }
        QVERIFY(otherRack.isValid());
        const QString rackBefore = shown(c.rackId);
        const QString otherBefore = shown(otherRack.data(IdRole).toString());
        QJsonObject boxC = store.value(c.boxId);
        boxC[u"parentStorageId"_s] = otherRack.data(IdRole).toString();
        store.upsert(boxC);
        QTRY_VERIFY(tree.indexForId(c.boxId).isValid() &&
                    tree.indexForId(c.boxId).parent() == otherRack);
        view.viewport()->repaint();
        QVERIFY(shown(c.rackId) != rackBefore);
        QVERIFY(shown(otherRack.data(IdRole).toString()) != otherBefore);
        wrong = wrongCount(tree, store);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));

        // A tube the store lets go of (a create rolled back, say) no longer counts.
        store.remove(a.tubeIds.last());
        view.viewport()->repaint();
        QCOMPARE(shown(a.boxId), u"1 / 100"_s);
        wrong = wrongCount(tree, store);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    }

    void platesAreGridsAndFixedWellsRefuseDrops()
    {
        auto c = client(m_lab.baseUrl());
        ResourceStore store(c.get());
        const QString plateId = idWhere(*m_api, u"/plates?pageSize=100"_s, u"plates"_s, u"name"_s,
                                        u"PCR plate 2024-03"_s);
        const QString matrixId = idWhere(*m_api, u"/plates?pageSize=100"_s, u"plates"_s, u"name"_s,
                                         u"Matrix rack MX-01"_s);
        BoxContentsModel plate(c.get(), &store, plateId);
        Tester tester(&plate, Tester::FailureReportingMode::QtTest);
        QVERIFY(open(plate));
        QCOMPARE(plate.rowCount(), 8);
        QCOMPARE(plate.columnCount(), 12);
        QVERIFY(plate.isWellPlate());
        QCOMPARE(plate.indexOf(u"H12"_s).data().toString(), u"PCR plate 2024-03 H12"_s);
        QVERIFY(plate.indexOf(u"A1"_s).data(Qt::ToolTipRole).toString().contains(u"Holds"_s));
        QVERIFY(!(plate.flags(plate.indexOf(u"A1"_s)) & Qt::ItemIsDragEnabled));

        BoxContentsModel matrix(c.get(), &store, matrixId);
        Tester matrixTester(&matrix, Tester::FailureReportingMode::QtTest);
        QVERIFY(open(matrix));
        QVERIFY(!matrix.isWellPlate());
        QVERIFY(matrix.flags(matrix.indexOf(u"A1"_s)) & Qt::ItemIsDragEnabled);
        auto data = drag(matrix, {u"A1"_s});
        QVERIFY(!plate.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, plate.indexOf(u"A1"_s)));
        QString why;
        QVERIFY(
            plate.planDrop(decodeContainers(data.get()), plate.indexOf(u"A1"_s), &why).isEmpty());
        QVERIFY2(why.contains(u"fixed well plate"_s), qPrintable(why));
        QVERIFY(
            matrix.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, matrix.indexOf(u"A2"_s)));
    }

    void dragAndDropAtTheModelApiThenUndoAndRedo()
    {
        const SeededBox from = seedBox(*m_api, u"Drag from"_s, 3); // A1 A2 A3
        const SeededBox to = seedBox(*m_api, u"Drag to"_s, 1);     // A1
        auto c = client(m_lab.baseUrl());
        ResourceStore store(c.get());
        InventoryMover mover(c.get(), &store);
        BoxContentsModel source(c.get(), &store, from.boxId);
        BoxContentsModel target(c.get(), &store, to.boxId);
        source.setMover(&mover);
        target.setMover(&mover);
        Tester t1(&source, Tester::FailureReportingMode::QtTest);
        Tester t2(&target, Tester::FailureReportingMode::QtTest);
        QVERIFY(open(source));
        QVERIFY(open(target));

        auto data = drag(source, {u"A2"_s, u"A3"_s});
        QVERIFY(data->hasFormat(QString::fromLatin1(kContainerMimeType)));
        // Onto A1 of the target: A1 is taken.
        QVERIFY(
            !target.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, target.indexOf(u"A1"_s)));
        // Onto the last column: the second tube would fall off the edge.
        QVERIFY(
            !target.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, target.indexOf(u"C10"_s)));
        QVERIFY(
            target.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, target.indexOf(u"C4"_s)));
        QSignalSpy done(&mover, &InventoryMover::finished);
        QVERIFY(target.dropMimeData(data.get(), Qt::MoveAction, -1, -1, target.indexOf(u"C4"_s)));
        // At once: pending at their new places, gone from the old.
        QCOMPARE(target.idAt(u"C4"_s), from.tubeIds[1]);
        QCOMPARE(target.idAt(u"C5"_s), from.tubeIds[2]);
        QVERIFY(target.indexOf(u"C4"_s).data(PendingRole).toBool());
        QVERIFY(source.idAt(u"A2"_s).isEmpty());
        QVERIFY(done.wait(10'000));
        QVERIFY2(done.last().at(0).toBool(), qPrintable(done.last().at(1).toString()));
        QCOMPARE(boxContentsAt(to.boxId, u"C4"_s), from.tubeIds[1]);
        QCOMPARE(boxContentsAt(to.boxId, u"C5"_s), from.tubeIds[2]);
        QCOMPARE(mover.undoStack()->count(), 1);

        // Undo sends them back (one bulk move), redo again.
        mover.undoStack()->undo();
        QCOMPARE(source.idAt(u"A2"_s), from.tubeIds[1]);
        QVERIFY(done.wait(10'000));
        QVERIFY2(done.last().at(0).toBool(), qPrintable(done.last().at(1).toString()));
        QCOMPARE(boxContentsAt(from.boxId, u"A2"_s), from.tubeIds[1]);
        QCOMPARE(boxContentsAt(from.boxId, u"A3"_s), from.tubeIds[2]);
        QVERIFY(target.idAt(u"C4"_s).isEmpty());
        mover.undoStack()->redo();
        QVERIFY(done.wait(10'000));
        QVERIFY(done.last().at(0).toBool());
        QCOMPARE(boxContentsAt(to.boxId, u"C5"_s), from.tubeIds[2]);

        // A shift within one box onto its own cells: A1 -> C3 then C4.. keeps order on the server.
        auto within = drag(target, {u"C4"_s, u"C5"_s});
        QVERIFY(target.dropMimeData(within.get(), Qt::MoveAction, -1, -1, target.indexOf(u"C5"_s)));
        QVERIFY(done.wait(10'000));
        QVERIFY2(done.last().at(0).toBool(), qPrintable(done.last().at(1).toString()));
        QCOMPARE(boxContentsAt(to.boxId, u"C6"_s), from.tubeIds[2]);
        QCOMPARE(boxContentsAt(to.boxId, u"C5"_s), from.tubeIds[1]);
    }

    void twoClientsRaceForOnePosition()
    {
        const SeededBox box = seedBox(*m_api, u"Race box"_s, 2); // A1 A2
        auto c1 = client(m_lab.baseUrl());
        auto c2 = client(m_lab.baseUrl());
        ResourceStore s1(c1.get());
        ResourceStore s2(c2.get());
        InventoryMover m1(c1.get(), &s1);
        InventoryMover m2(c2.get(), &s2);
        BoxContentsModel g1(c1.get(), &s1, box.boxId);
        BoxContentsModel g2(c2.get(), &s2, box.boxId);
        g1.setMover(&m1);
        g2.setMover(&m2);
        QVERIFY(open(g1));
        QVERIFY(open(g2));
        auto d1 = drag(g1, {u"A1"_s});
        auto d2 = drag(g2, {u"A2"_s});
        QSignalSpy done1(&m1, &InventoryMover::finished);
        QSignalSpy done2(&m2, &InventoryMover::finished);
        // Both see E5 empty and drop there before either answer arrives.
        QVERIFY(g1.dropMimeData(d1.get(), Qt::MoveAction, -1, -1, g1.indexOf(u"E5"_s)));
        QVERIFY(g2.dropMimeData(d2.get(), Qt::MoveAction, -1, -1, g2.indexOf(u"E5"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(done1.size() == 1 && done2.size() == 1, 10'000);
        const bool firstWon = done1.first().at(0).toBool();
        QVERIFY(firstWon != done2.first().at(0).toBool()); // exactly one wins
        const QString loserMessage = (firstWon ? done2 : done1).first().at(1).toString();
        QVERIFY2(loserMessage.contains(u"E5"_s), qPrintable(loserMessage));
        BoxContentsModel &loser = firstWon ? g2 : g1;
        const QString loserTube = box.tubeIds[firstWon ? 1 : 0];
        const QString loserHome = firstWon ? u"A2"_s : u"A1"_s;
        QCOMPARE(loser.idAt(loserHome), loserTube); // back where it was
        QVERIFY(!loser.indexOf(loserHome).data(PendingRole).toBool());
        QCOMPARE(loser.indexOf(loserHome).data(ErrorRole).toString().isEmpty(), false);
        // On the server: one tube at E5, the other at home; none lost.
        QCOMPARE(boxContentsAt(box.boxId, u"E5"_s), box.tubeIds[firstWon ? 0 : 1]);
        QCOMPARE(boxContentsAt(box.boxId, loserHome), loserTube);
        QCOMPARE((firstWon ? m2 : m1).undoStack()->canUndo(), false); // nothing to undo
    }

    void theServerVanishingMidDropRollsBackWithAMessage()
    {
        const SeededBox box = seedBox(*m_api, u"Vanish box"_s, 1); // A1
        FaultProxy proxy(m_lab.baseUrl());
        QVERIFY(proxy.listen());
        auto c = client(proxy.url());
        ResourceStore store(c.get());
        InventoryMover mover(c.get(), &store);
        widgets::BoxPanel panel(c.get(), &store, &mover, box.boxId, u"Freezer"_s);
        QTRY_VERIFY_WITH_TIMEOUT(panel.model()->isReady(), 10'000);
        QSignalSpy done(&mover, &InventoryMover::finished);
        connect(&mover, &InventoryMover::finished, &panel, [&panel](bool ok, const QString &m) {
            panel.showMessage(ok ? QString() : m, !ok);
        });
        proxy.vanish();
        auto data = drag(*panel.model(), {u"A1"_s});
        QVERIFY(panel.grid()->dropAt(data.get(), panel.model()->indexOf(u"B2"_s)));
        QCOMPARE(panel.model()->idAt(u"B2"_s), box.tubeIds[0]); // pending at once
        QVERIFY(done.wait(20'000));
        QVERIFY(!done.first().at(0).toBool());
        QCOMPARE(panel.model()->idAt(u"A1"_s), box.tubeIds[0]);
        QVERIFY(panel.model()->idAt(u"B2"_s).isEmpty());
        QVERIFY(!panel.messageText().isEmpty());
        QCOMPARE(boxContentsAt(box.boxId, u"A1"_s), box.tubeIds[0]);
    }

    void theViewPreviewsDropsAndMovesByKeyboard()
    {
        const SeededBox box = seedBox(*m_api, u"View box"_s, 2); // A1 A2
        auto c = client(m_lab.baseUrl());
        ResourceStore store(c.get());
        InventoryMover mover(c.get(), &store);
        widgets::BoxPanel panel(c.get(), &store, &mover, box.boxId, u"Freezer"_s);
        panel.resize(700, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY_WITH_TIMEOUT(panel.model()->isReady(), 10'000);
        widgets::BoxGridView *grid = panel.grid();
        QSignalSpy done(&mover, &InventoryMover::finished);

        // A drag of A1+A2 hovering over D3: the preview outlines D3 and D4.
        auto data = drag(*panel.model(), {u"A1"_s, u"A2"_s});
        const QPoint over = grid->visualRect(panel.model()->indexOf(u"D3"_s)).center();
        QDragEnterEvent enter(over, Qt::MoveAction, data.get(), Qt::LeftButton, {});
        QApplication::sendEvent(grid->viewport(), &enter);
        QDragMoveEvent move(over, Qt::MoveAction, data.get(), Qt::LeftButton, {});
        QApplication::sendEvent(grid->viewport(), &move);
        QVERIFY(move.isAccepted());
        QStringList preview = grid->previewPositions();
        preview.sort();
        QCOMPARE(preview, (QStringList{u"D3"_s, u"D4"_s}));
        QCOMPARE(grid->previewAt(u"D4"_s), widgets::BoxGridView::Preview::Lands);
        // Over A2 (the second would land on... A3, free) fine; over J10: off the edge, refused.
        const QPoint edge = grid->visualRect(panel.model()->indexOf(u"J10"_s)).center();
        QDragMoveEvent blocked(edge, Qt::MoveAction, data.get(), Qt::LeftButton, {});
        QApplication::sendEvent(grid->viewport(), &blocked);
        QVERIFY(!blocked.isAccepted());
        QCOMPARE(grid->previewAt(u"J10"_s), widgets::BoxGridView::Preview::Blocked);
        QDropEvent drop(over, Qt::MoveAction, data.get(), Qt::LeftButton, {});
        QApplication::sendEvent(grid->viewport(), &drop);
        QVERIFY(grid->previewPositions().isEmpty());
        QCOMPARE(panel.model()->idAt(u"D3"_s), box.tubeIds[0]);
        QVERIFY(done.wait(10'000));
        QVERIFY2(done.last().at(0).toBool(), qPrintable(done.last().at(1).toString()));

        // Keyboard: select D4, Ctrl+X, go to F6, Ctrl+V.
        grid->setFocus();
        grid->setCurrentIndex(panel.model()->indexOf(u"D4"_s));
        QTest::keyClick(grid, Qt::Key_X, Qt::ControlModifier);
        QVERIFY(grid->isCut(box.tubeIds[1]));
        grid->setCurrentIndex(panel.model()->indexOf(u"F6"_s));
        QTest::keyClick(grid, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(panel.model()->idAt(u"F6"_s), box.tubeIds[1]);
        QVERIFY(done.wait(10'000));
        QVERIFY(done.last().at(0).toBool());
        QCOMPARE(boxContentsAt(box.boxId, u"F6"_s), box.tubeIds[1]);
        // Undo through the stack brings it back to D4.
        mover.undoStack()->undo();
        QVERIFY(done.wait(10'000));
        QCOMPARE(boxContentsAt(box.boxId, u"D4"_s), box.tubeIds[1]);

        // Zoom: Ctrl++ grows the cells, Ctrl+- shrinks them.
        const int before = grid->cellSize();
        QTest::keyClick(grid, Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(grid->cellSize() > before);
        QTest::keyClick(grid, Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(grid, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(grid->cellSize() < before);
    }
};

QTEST_MAIN(TestInventoryGrid)
#include "tst_ui_inventory_grid.moc"
