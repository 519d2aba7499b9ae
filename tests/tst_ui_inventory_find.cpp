// Inventory ▸ Find in the whole app against a real lab server (TestLabServer): a scanned tube
// (keyboard wedge) or one found by name opens its box or plate AND selects its cell there —
// current, the only cell selected, scrolled into view, shown by the inspector — also when the
// box's contents were not loaded yet (the selection applies once they arrive), and at once when
// the box is open already.
#include "AppWindow.h"
#include "TestLabServer.h"
#include "app/MainWindow.h"
#include "app/Session.h"
#include "models/BoxContentsModel.h"
#include "models/Roles.h"
#include "models/store/ResourceStore.h"
#include "server/storage/Database.h"
#include "widgets/InventoryView.h"
#include "widgets/inventory/BoxGridView.h"
#include "widgets/inventory/BoxPanel.h"
#include "widgets/inventory/StorageInspector.h"
#include "widgets/inventorytools/BarcodeSearch.h"
#include "widgets/inventorytools/InventoryTools.h"

#include <QApplication>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop;
using widgets::BoxPanel;

class TestInventoryFind : public QObject
{
    Q_OBJECT

    test::TestLabServer m_lab;
    test::AppWindow m_app;

    struct Tube
    {
        QString id, barcode, name, position, storageId, storageName;
    };
    // The first tube (by `order`) that `where` picks, as the server's database has it.
    Tube tube(const QString &where, const QString &order = u"t.barcode"_s)
    {
        QSqlQuery query = m_lab.database().exec(
            u"SELECT t.id, t.barcode, t.name, t.position, t.parent_id, s.name FROM resources t "
            u"JOIN resources s ON s.id = t.parent_id WHERE t.kind = 'container' AND "
            u"t.barcode IS NOT NULL AND "_s +
            where + u" ORDER BY "_s + order);
        if (!query.next())
            return {};
        return {query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                query.value(3).toString(), query.value(4).toString(), query.value(5).toString()};
    }
    widgets::InventoryView *view() const { return m_app.window->inventoryView(); }
    models::ResourceStore *store() const { return m_app.session->store(); }
    BoxPanel *panelFor(const QString &storageId) const
    {
        for (BoxPanel *panel : view()->panels())
            if (panel->storageId() == storageId)
                return panel;
        return nullptr;
    }
    static void scan(widgets::BarcodeSearchBar *bar, const QString &barcode)
    {
        bar->field()->selectAll();
        QTest::keyClicks(bar->field(), barcode, Qt::NoModifier, 0); // a wedge's burst
        QTest::keyClick(bar->field(), Qt::Key_Return);
    }
    // The grid shows `tube` as the current cell, the only one selected, visible, in the inspector.
    static bool shows(BoxPanel *panel, const Tube &tube, QString *why)
    {
        widgets::BoxGridView *grid = panel->grid();
        const QModelIndex current = grid->currentIndex();
        const QModelIndexList selected = grid->selectionModel()->selectedIndexes();
        const QRect cell = grid->visualRect(current);
        if (current.data(models::IdRole).toString() != tube.id)
            *why = u"current cell %1 holds '%2', not %3"_s.arg(
                current.data(models::PositionRole).toString(),
                current.data(models::IdRole).toString(), tube.id);
        else if (current.data(models::PositionRole).toString() != tube.position)
            *why = u"at %1, not %2"_s.arg(current.data(models::PositionRole).toString(),
                                          tube.position);
        else if (selected != QModelIndexList{current})
            *why = u"%1 cells selected"_s.arg(selected.size());
        else if (!grid->viewport()->rect().contains(cell))
            *why = u"cell %1 outside the viewport %2"_s.arg(
                QString::number(cell.x()) + u',' + QString::number(cell.y()),
                QString::number(grid->viewport()->width()) + u'x' +
                    QString::number(grid->viewport()->height()));
        else
            return true;
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        const QString error = m_app.open(m_lab.baseUrl(), m_lab.apiKey());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_app.window->resize(1400, 900);
        m_app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_app.window.get()));
    }

    void cleanupTestCase() { m_app.close(); }

    // Nothing of the box is loaded when the scan comes: the box opens at once (empty), and the
    // tube's cell is selected when the contents arrive.
    void scannedTubeSelectsItsCellOnceTheBoxLoads()
    {
        const Tube found = tube(u"t.barcode = 'TUB-00003'"_s);
        QVERIFY(!found.id.isEmpty());
        QVERIFY(found.storageId.startsWith(u"box_"_s));
        QVERIFY(!found.position.isEmpty());
        QVERIFY(!panelFor(found.storageId));
        QVERIFY(!store()->childrenListed(found.storageId));

        widgets::InventoryTools *tools = m_app.window->inventoryTools();
        bool readyAtReveal = true;
        connect(tools, &widgets::InventoryTools::revealRequested, this, [&] {
            BoxPanel *panel = panelFor(found.storageId);
            readyAtReveal = panel && panel->model()->isReady();
        });
        QSignalSpy reveal(tools, &widgets::InventoryTools::revealRequested);
        widgets::BarcodeSearchBar *bar = tools->showBarcodeSearch();
        QVERIFY(bar);
        scan(bar, found.barcode);
        QVERIFY(reveal.wait(10'000));
        disconnect(tools, &widgets::InventoryTools::revealRequested, this, nullptr);
        QVERIFY2(!readyAtReveal, "the box should still be loading when it opens");

        BoxPanel *panel = panelFor(found.storageId);
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->isReady(), 10'000);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(shows(panel, found, &why), qPrintable(why), 10'000);
        QCOMPARE(view()->inspector()->itemId(), found.id);
        // "Where" names the box and the position, not the box's id.
        QCOMPARE(view()->inspector()->locationText(), found.storageName + u", "_s + found.position);
        // The scanner keeps its field: the next scan needs no click.
        QVERIFY(bar->field()->hasFocus());
    }

    // The box is open (and zoomed, so it does not fit): the next scan of a tube in it selects
    // that cell at once, scrolled into view, in the same panel.
    void scanInAnOpenBoxSelectsAtOnceAndScrolls()
    {
        const Tube first = tube(u"t.barcode = 'TUB-00003'"_s);
        BoxPanel *panel = panelFor(first.storageId);
        QVERIFY(panel);
        QVERIFY(panel->model()->isReady());
        // The tube furthest down and right in that box (row letter, then column number).
        const Tube far =
            tube(u"t.parent_id = '%1'"_s.arg(first.storageId),
                 u"substr(t.position, 1, 1) DESC, length(t.position) DESC, t.position DESC"_s);
        QVERIFY(!far.id.isEmpty());
        QVERIFY(far.id != first.id);
        widgets::BoxGridView *grid = panel->grid();
        grid->setCellSize(140);
        grid->selectionModel()->setCurrentIndex(grid->model()->index(0, 0),
                                                QItemSelectionModel::ClearAndSelect);
        grid->scrollToTop();
        QVERIFY(!grid->viewport()->rect().contains(
            grid->visualRect(panel->model()->indexOf(far.position))));
        const qsizetype panels = view()->panels().size();

        widgets::InventoryTools *tools = m_app.window->inventoryTools();
        QSignalSpy reveal(tools, &widgets::InventoryTools::revealRequested);
        scan(tools->showBarcodeSearch(), far.barcode);
        QVERIFY(reveal.wait(10'000));
        QString why;
        QVERIFY2(shows(panel, far, &why), qPrintable(why));
        QCOMPARE(view()->inspector()->itemId(), far.id);
        QCOMPARE(view()->panels().size(), panels);
        QCOMPARE(panelFor(first.storageId), panel);
    }

    // A tube in a plate found by typing its name (not a scan): the plate replaces the box shown,
    // its cell selected.
    void tubeFoundByNameInAPlate()
    {
        const Tube inPlate = tube(u"s.kind = 'plate'"_s);
        if (inPlate.id.isEmpty())
            QSKIP("the demo data has no plate with tubes that carry barcodes");
        QVERIFY(!panelFor(inPlate.storageId));
        widgets::InventoryTools *tools = m_app.window->inventoryTools();
        QSignalSpy reveal(tools, &widgets::InventoryTools::revealRequested);
        widgets::BarcodeSearchBar *bar = tools->showBarcodeSearch();
        bar->field()->selectAll();
        QTest::keyClicks(bar->field(), inPlate.name, Qt::NoModifier, 90); // a person's pace
        QTest::keyClick(bar->field(), Qt::Key_Return, Qt::NoModifier, 90);
        QTRY_VERIFY2_WITH_TIMEOUT(reveal.size() == 1, qPrintable(bar->statusText()), 10'000);
        const auto hit = reveal.first().first().value<models::LookupHit>();
        QCOMPARE(hit.id, inPlate.id);
        BoxPanel *panel = panelFor(inPlate.storageId);
        QVERIFY(panel);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(shows(panel, inPlate, &why), qPrintable(why), 10'000);
        QCOMPARE(view()->inspector()->itemId(), inPlate.id);
    }
};

QTEST_MAIN(TestInventoryFind)
#include "tst_ui_inventory_find.moc"
