// The box grid driven by the mouse alone: a tube dragged from one cell to another with QTest
// mouse events, through the view's own QDrag (no synthetic drag events), and a panel coloured
// by a chosen field of the tubes it shows.
//
// How the drag is driven (on xcb under Xvfb: the offscreen platform's QDrag::exec returns at
// once with IgnoreAction, so there the drag test skips): QAbstractItemView starts its QDrag once a
// button-held mouse move goes past QApplication::startDragDistance(), and QDrag::exec() then
// blocks in a nested event loop run by the platform drag (QSimpleDrag/QBasicDrag, which xcb uses
// for a drag inside the application). QBasicDrag watches the whole application through an event
// filter: every QMouseEvent that passes QApplication::notify is taken as a drag move (MouseMove) or
// the drop (MouseButtonRelease), at the event's global position, and the drag/drop events go to the
// top-level window under that point. QTest::mouseMove/mouseRelease on a widget, with a button
// held, send their QMouseEvent through notify, so they drive the drag exactly like a hand would.
// They must run inside the nested loop, so a zero-timer polls (from before the press) until the
// view's QDrag exists, then moves onto the target cell and releases there.
#include "StoreSeed.h"
#include "models/BoxContentsModel.h"
#include "models/api/ApiClient.h"
#include "models/api/RateLimiter.h"
#include "models/inventory/InventoryMover.h"
#include "models/store/ResourceStore.h"
#include "widgets/inventory/BoxCellDelegate.h"
#include "widgets/inventory/BoxGridView.h"
#include "widgets/inventory/BoxPanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDrag>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace benchtop;
using namespace benchtop::models;
using namespace benchtop::test;

class TestInventoryMouseDrag : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;

    std::unique_ptr<ApiClient> client()
    {
        auto c = std::make_unique<ApiClient>(Connection{m_lab.baseUrl(), m_lab.apiKey(), 5'000});
        c->rateLimiter()->setRate(0, 1);
        return c;
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

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
    }

    void aTubeDraggedWithTheMouseLandsWhereItIsDropped()
    {
        if (QGuiApplication::platformName() == u"offscreen"_s)
            QSKIP("The offscreen platform cannot run a drag: its QPlatformDrag (QOffscreenDrag) "
                  "returns IgnoreAction from QDrag::exec at once, with no drag loop for mouse "
                  "events to drive. ctest runs this test under Xvfb on xcb instead "
                  "(tst_ui_inventory_mousedrag_xcb).");
        const SeededBox box = seedBox(*m_api, u"Mouse drag box"_s, 2); // A1 A2
        QVERIFY(!box.boxId.isEmpty());
        auto c = client();
        ResourceStore store(c.get());
        InventoryMover mover(c.get(), &store);
        widgets::BoxPanel panel(c.get(), &store, &mover, box.boxId, u"Freezer"_s);
        panel.resize(700, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY_WITH_TIMEOUT(panel.model()->isReady(), 10'000);
        widgets::BoxGridView *grid = panel.grid();
        QWidget *viewport = grid->viewport();
        BoxContentsModel *model = panel.model();
        const QPoint from = grid->visualRect(model->indexOf(u"A1"_s)).center();
        const QPoint to = grid->visualRect(model->indexOf(u"C4"_s)).center();
        QSignalSpy done(&mover, &InventoryMover::finished);

        // What the user sees inside the drag, recorded by the timer below.
        bool dragStarted = false;
        QStringList previewWhileOver;
        QString atTargetAfterDrop;
        bool pendingAfterDrop = false;
        bool sourceEmptyAfterDrop = false;
        int polls = 0;
        std::function<void()> insideDrag = [&] {
            if (!grid->findChild<QDrag *>()) {
                // Not in QDrag::exec yet (or the drag never started): look again, a bounded
                // number of times so a drag that never starts fails the test, not hangs it.
                if (++polls < 500)
                    QTimer::singleShot(0, insideDrag);
                return;
            }
            dragStarted = true;
            QTest::mouseMove(viewport, to - QPoint(3, 0));
            QTest::mouseMove(viewport, to);
            previewWhileOver = grid->previewPositions();
            QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
            // The drop is handled synchronously within the release: pending at once.
            atTargetAfterDrop = model->idAt(u"C4"_s);
            pendingAfterDrop = model->indexOf(u"C4"_s).data(PendingRole).toBool();
            sourceEmptyAfterDrop = model->idAt(u"A1"_s).isEmpty();
        };
        QTimer::singleShot(0, insideDrag);

        QTest::mousePress(viewport, Qt::LeftButton, {}, from);
        const int distance = QApplication::startDragDistance();
        // The first held move arms the view's drag; one past the drag distance starts it (and
        // returns only when the nested drag loop ends).
        QTest::mouseMove(viewport, from + QPoint(1, 0));
        QTest::mouseMove(viewport, from + QPoint(distance + 2, distance + 2));
        QTRY_VERIFY(dragStarted || polls >= 500);
        QVERIFY2(dragStarted, "the view never started its QDrag");
        QCOMPARE(previewWhileOver, QStringList{u"C4"_s});
        QCOMPARE(atTargetAfterDrop, box.tubeIds[0]);
        QVERIFY(pendingAfterDrop);
        QVERIFY(sourceEmptyAfterDrop);
        QVERIFY(grid->previewPositions().isEmpty());

        // Then it lands: no longer pending, and the server has it at C4.
        QVERIFY(done.wait(10'000));
        QVERIFY2(done.last().at(0).toBool(), qPrintable(done.last().at(1).toString()));
        QCOMPARE(model->idAt(u"C4"_s), box.tubeIds[0]);
        QVERIFY(!model->indexOf(u"C4"_s).data(PendingRole).toBool());
        QVERIFY(model->idAt(u"A1"_s).isEmpty());
        QCOMPARE(boxContentsAt(box.boxId, u"C4"_s), box.tubeIds[0]);
        QVERIFY(boxContentsAt(box.boxId, u"A1"_s).isEmpty());
        QCOMPARE(boxContentsAt(box.boxId, u"A2"_s), box.tubeIds[1]); // the other stayed
        QCOMPARE(mover.undoStack()->count(), 1);
    }

    void choosingAFieldColoursTubesByItsValue()
    {
        const SeededBox box = seedBox(*m_api, u"Field colour box"_s, 3); // A1 A2 A3
        QVERIFY(!box.boxId.isEmpty());
        const QStringList buffers{u"TE"_s, u"Water"_s, u"TE"_s};
        for (int i = 0; i < 3; ++i) {
            const ApiResponse patched = m_api->patch(
                u"/containers/"_s + box.tubeIds[i],
                {{u"fields"_s, QJsonObject{{u"Buffer"_s, QJsonObject{{u"value"_s, buffers[i]}}}}}});
            QCOMPARE(patched.status, 200);
        }
        auto c = client();
        ResourceStore store(c.get());
        InventoryMover mover(c.get(), &store);
        widgets::BoxPanel panel(c.get(), &store, &mover, box.boxId, u"Freezer"_s);
        panel.resize(700, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY_WITH_TIMEOUT(panel.model()->isReady(), 10'000);
        widgets::BoxGridView *grid = panel.grid();
        BoxContentsModel *model = panel.model();
        grid->clearSelection();

        // The choice offers contents, schema, then the field the tubes carry.
        auto *combo = panel.findChild<QComboBox *>(u"colourBy"_s);
        QVERIFY(combo);
        QCOMPARE(panel.colourFields(), QStringList{u"Buffer"_s});
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->itemText(2), u"Colour by field: Buffer"_s);

        // The colour painted in the body of a tube's disc (away from its label).
        const auto painted = [&](const QString &position) {
            const QRect cell = grid->visualRect(model->indexOf(position));
            const QImage image = grid->viewport()->grab().toImage();
            const int side = std::min(cell.width(), cell.height()) - 4;
            const QPoint inDisc = cell.center() - QPoint(side / 4, side / 4);
            return image.pixelColor(inDisc * image.devicePixelRatio()).rgb();
        };
        // By contents (none: the seeded tubes hold nothing) all three look the same.
        QCOMPARE(painted(u"A1"_s), painted(u"A2"_s));

        combo->setCurrentIndex(2); // "Colour by field: Buffer", as picked from the list
        QCOMPARE(grid->cellDelegate()->colourBy(), widgets::BoxCellDelegate::ColourBy::Field);
        QTRY_COMPARE(painted(u"A1"_s), widgets::BoxCellDelegate::colourFor(u"TE"_s).rgb());
        QCOMPARE(painted(u"A2"_s), widgets::BoxCellDelegate::colourFor(u"Water"_s).rgb());
        QVERIFY(painted(u"A1"_s) != painted(u"A2"_s)); // different values, different colours
        QCOMPARE(painted(u"A1"_s), painted(u"A3"_s));  // equal values, equal colours
        // An empty position stays neutral-empty, not a field colour.
        QVERIFY(painted(u"A4"_s) != painted(u"A1"_s));

        // Back to schema: all three share the Tube schema's colour again.
        combo->setCurrentIndex(1);
        QCOMPARE(grid->cellDelegate()->colourBy(), widgets::BoxCellDelegate::ColourBy::Schema);
        QTRY_COMPARE(painted(u"A1"_s), painted(u"A2"_s));
    }
};

QTEST_MAIN(TestInventoryMouseDrag)
#include "tst_ui_inventory_mousedrag.moc"
