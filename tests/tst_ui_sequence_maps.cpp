// The linear and circular maps on real plasmids (pUC19, pBR322), offscreen: drag-to-select
// through QTest mouse events at positions from the views' own coordinate mapping, feature
// clicks, outside selections drawn, collision-free labels, thinning, exports, rotation and
// set-origin.
#include "bio/GenBank.h"
#include "widgets/sequencemaps/CircularMapView.h"
#include "widgets/sequencemaps/LabelPlacer.h"
#include "widgets/sequencemaps/LinearMapView.h"
#include "widgets/sequencemaps/MapExport.h"

#include <QImage>
#include <QLocale>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace benchtop;
using namespace benchtop::widgets::maps;

namespace {

bio::Record load(const QString &file)
{
    const auto result =
        bio::readGenBankFile(QStringLiteral(BENCHTOP_TEST_DATA "/plasmids/") + file);
    if (!result.ok() || result.records.isEmpty())
        qFatal("cannot read %s", qPrintable(file));
    return result.records.first();
}

// A circular record with `count` short features spread round it: far more than fit as labels.
bio::Record crowded(int count)
{
    bio::Record r;
    r.name = QStringLiteral("crowded");
    r.topology = bio::Topology::Circular;
    r.sequence = QByteArray(20000, 'A');
    for (int i = 0; i < count; ++i) {
        bio::Feature f;
        f.type = i % 3 ? QStringLiteral("misc_feature") : QStringLiteral("CDS");
        const qint64 s = qint64(i) * 20000 / count;
        bio::Span span;
        span.start = s;
        span.end = s + 30;
        f.location.spans = {span};
        f.qualifiers = {{QStringLiteral("label"), QStringLiteral("feat%1").arg(i)}};
        r.features.append(f);
    }
    return r;
}

int overlappingPairs(const QList<PlacedLabel> &labels)
{
    int pairs = 0;
    for (qsizetype i = 0; i < labels.size(); ++i)
        for (qsizetype j = i + 1; j < labels.size(); ++j) {
            const QRectF o = labels[i].rect.intersected(labels[j].rect);
            if (o.width() > 0.01 && o.height() > 0.01)
                ++pairs;
        }
    return pairs;
}

// Pixels that differ between two grabs in one column.
int changedInColumn(const QImage &a, const QImage &b, int x)
{
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        n += a.pixel(x, y) != b.pixel(x, y);
    return n;
}

} // namespace

class TestSequenceMaps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linearDragSelectsRange()
    {
        LinearMapView view;
        view.resize(900, 320);
        view.setRecord(load(QStringLiteral("pUC19_snapgene.gb")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.relayout();
        const LinearMapPainter &p = view.linearPainter();
        QSignalSpy spy(&view, &MapView::selectionChanged);
        const int y = int(p.trackRect().bottom()) - 2;
        const QPoint from(int(p.xForBase(300)), y), to(int(p.xForBase(1500)), y);
        QTest::mousePress(&view, Qt::LeftButton, {}, from);
        QTest::mouseMove(&view, QPoint((from.x() + to.x()) / 2, y));
        QTest::mouseMove(&view, to);
        QTest::mouseRelease(&view, Qt::LeftButton, {}, to);
        QVERIFY(spy.count() >= 1);
        const qint64 start = spy.last().at(0).toLongLong(), end = spy.last().at(1).toLongLong();
        QCOMPARE(start, p.baseAtX(from.x()));
        QCOMPARE(end, p.baseAtX(to.x()));
        QVERIFY(qAbs(start - 300) <= qCeil(p.basesPerPixel()));
        QVERIFY(qAbs(end - 1500) <= qCeil(p.basesPerPixel()));
        QCOMPARE(view.selection(), (MapSelection{start, end}));

        // A drag from right to left gives the same ordered range.
        spy.clear();
        QTest::mousePress(&view, Qt::LeftButton, {}, to);
        QTest::mouseMove(&view, QPoint(to.x() - 50, y));
        QTest::mouseMove(&view, from);
        QTest::mouseRelease(&view, Qt::LeftButton, {}, from);
        QVERIFY(!spy.isEmpty());
        QCOMPARE(spy.last().at(0).toLongLong(), start);
        QCOMPARE(spy.last().at(1).toLongLong(), end);
        QCOMPARE(view.selection(), (MapSelection{start, end}));
    }

    void linearClickSelectsFeatureAndZoomKeepsCursorBase()
    {
        const bio::Record record = load(QStringLiteral("pUC19_snapgene.gb"));
        LinearMapView view;
        view.resize(900, 320);
        view.setRecord(record);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.relayout();
        const LinearMapPainter &p = view.linearPainter();
        const MapData *d = view.mapData().get();
        int amp = -1;
        for (int i = 0; i < d->features.size(); ++i)
            if (d->features[i].name == QLatin1String("AmpR") &&
                d->features[i].type == QLatin1String("CDS"))
                amp = i;
        QVERIFY(amp >= 0);
        const MapFeature &f = d->features[amp];
        QSignalSpy sel(&view, &MapView::selectionChanged);
        QSignalSpy clicked(&view, &MapView::featureClicked);
        const QPoint at(int(p.xForBase((f.start + f.end) / 2.0)), int(p.laneY(f.lane)));
        QCOMPARE(p.featureAt(at), amp);
        QTest::mouseClick(&view, Qt::LeftButton, {}, at);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(record.features[clicked.first().first().toInt()].displayName(),
                 QStringLiteral("AmpR"));
        QCOMPARE(sel.count(), 1);
        QCOMPARE(sel.first().at(0).toLongLong(), f.start);
        QCOMPARE(sel.first().at(1).toLongLong(), f.end);

        const double cursorX = p.xForBase(2000);
        view.setZoom(8, QPointF(cursorX, 50));
        QCOMPARE(view.zoom(), 8.0);
        QVERIFY(qAbs(p.xForBase(2000) - cursorX) < 1.0);
        QVERIFY(p.visibleEnd() - p.visibleStart() < record.length() / 7.0);
    }

    void linearSetSelectionHighlights()
    {
        LinearMapView view;
        view.resize(900, 320);
        view.setRecord(load(QStringLiteral("pBR322_J01749.gb")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage before = view.grab().toImage();
        view.setSelection(500, 1000);
        const QImage after = view.grab().toImage();
        const LinearMapPainter &p = view.linearPainter();
        QVERIFY(changedInColumn(before, after, int(p.xForBase(750))) > 20);
        QCOMPARE(changedInColumn(before, after, int(p.xForBase(3000))), 0);
    }

    void circularDragSelectsArc_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("via");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<double>("rotation");
        QTest::newRow("clockwise") << qint64(200) << qint64(400) << qint64(900) << 0.0;
        QTest::newRow("across origin") << qint64(2500) << qint64(2680) << qint64(300) << 0.0;
        QTest::newRow("anticlockwise, rotated")
            << qint64(1200) << qint64(1000) << qint64(700) << 75.0;
    }
    void circularDragSelectsArc()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, via);
        QFETCH(qint64, to);
        QFETCH(double, rotation);
        CircularMapView view;
        view.resize(700, 600);
        view.setRecord(load(QStringLiteral("pUC19_snapgene.gb")));
        view.setRotation(rotation);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.relayout();
        QSignalSpy spy(&view, &MapView::selectionChanged);
        const QPoint a = view.pointForBase(from).toPoint(), m = view.pointForBase(via).toPoint(),
                     b = view.pointForBase(to).toPoint();
        QTest::mousePress(&view, Qt::LeftButton, {}, a);
        QTest::mouseMove(&view, m);
        QTest::mouseMove(&view, b);
        QTest::mouseRelease(&view, Qt::LeftButton, {}, b);
        QVERIFY(spy.count() >= 1);
        const qint64 s = spy.last().at(0).toLongLong(), e = spy.last().at(1).toLongLong();
        const bool clockwise = (via - from + 2686) % 2686 < 1343;
        const qint64 expectS = clockwise ? view.baseAt(a) : view.baseAt(b);
        const qint64 expectE = clockwise ? view.baseAt(b) : view.baseAt(a);
        QCOMPARE(s, expectS);
        QCOMPARE(e, expectE);
        QVERIFY(qAbs(s - (clockwise ? from : to)) <= 8);
        QVERIFY(qAbs(e - (clockwise ? to : from)) <= 8);
    }

    void circularSetSelectionHighlights()
    {
        CircularMapView view;
        view.resize(700, 600);
        view.setRecord(load(QStringLiteral("pBR322_J01749.gb")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage before = view.grab().toImage();
        view.setSelection(4000, 300); // wraps the origin
        const QImage after = view.grab().toImage();
        const auto &p = view.circularPainter();
        auto changedNear = [&](qint64 base) {
            const QPoint at = p.pointForBase(double(base), p.radius() + 5).toPoint();
            return before.pixel(at) != after.pixel(at);
        };
        QVERIFY(changedNear(4200));
        QVERIFY(changedNear(100));
        QVERIFY(!changedNear(2000));
    }

    void selectionRepaintsKeepTheMap()
    {
        CircularMapView view;
        view.resize(700, 600);
        view.setRecord(load(QStringLiteral("pBR322_J01749.gb")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage plain = view.grab().toImage();
        const int drawn = view.mapPaints();
        QVERIFY(drawn >= 1);
        // Moving the selection repaints the selection only, over the kept map.
        for (qint64 end = 100; end < 2000; end += 300) {
            view.setSelection(50, end);
            view.grab();
        }
        QCOMPARE(view.mapPaints(), drawn);
        // Without a selection the picture is the map alone again, pixel for pixel.
        view.setSelection(0, 0);
        QCOMPARE(view.grab().toImage(), plain);
        // What changes the map draws it again: the zoom, the size.
        view.zoomIn();
        view.grab();
        QCOMPARE(view.mapPaints(), drawn + 1);
        view.resize(640, 560);
        view.grab();
        QCOMPARE(view.mapPaints(), drawn + 2);
    }

    void labelsNeverOverlap_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("enzymes");
        QTest::newRow("pUC19 unique")
            << QStringLiteral("pUC19_snapgene.gb") << int(EnzymeSet::UniqueCutters);
        QTest::newRow("pBR322 unique")
            << QStringLiteral("pBR322_J01749.gb") << int(EnzymeSet::UniqueCutters);
        QTest::newRow("pBR322 two-cutters")
            << QStringLiteral("pBR322_J01749.gb") << int(EnzymeSet::TwoCutters);
    }
    void labelsNeverOverlap()
    {
        QFETCH(QString, file);
        QFETCH(int, enzymes);
        const bio::Record record = load(file);
        for (const QSize size : {QSize(700, 600), QSize(420, 320), QSize(1200, 900)}) {
            CircularMapView circular;
            circular.setEnzymeSet(EnzymeSet(enzymes));
            circular.setRecord(record);
            circular.resize(size);
            circular.relayout();
            const auto &labels = circular.painter().labels();
            QVERIFY(!labels.isEmpty());
            QCOMPARE(overlappingPairs(labels), 0);
            for (const PlacedLabel &l : labels)
                QVERIFY2(QRectF(circular.rect()).contains(l.rect), qPrintable(l.text));
            LinearMapView linear;
            linear.setEnzymeSet(EnzymeSet(enzymes));
            linear.setRecord(record);
            linear.resize(size);
            linear.relayout();
            QVERIFY(!linear.painter().labels().isEmpty());
            QCOMPARE(overlappingPairs(linear.painter().labels()), 0);
        }
    }

    void pBR322HasItsUniqueCutters()
    {
        LinearMapView view;
        view.setRecord(load(QStringLiteral("pBR322_J01749.gb")));
        QStringList names;
        for (const MapCutSite &c : view.mapData()->cuts)
            names << c.enzyme;
        // Unique in pBR322 (NEB's map): EcoRI 4359/0 on the circle, HindIII, BamHI, SalI, PstI.
        for (const char *e : {"EcoRI", "HindIII", "BamHI", "SalI", "PstI"})
            QVERIFY2(names.contains(QLatin1String(e)), e);
        for (const MapCutSite &c : view.mapData()->cuts)
            QCOMPARE(c.siteCount, 1);
    }

    void thinnedLabelsAreCounted()
    {
        CircularMapView view;
        view.setEnzymeSet(EnzymeSet::None);
        view.setRecord(crowded(300));
        view.resize(600, 500);
        view.relayout();
        const auto &p = view.painter();
        QCOMPARE(p.labelCandidates(), 300);
        QVERIFY(p.labels().size() > 10);
        QVERIFY(p.labels().size() < 300);
        QCOMPARE(overlappingPairs(p.labels()), 0);
        const QString note = QStringLiteral("%1 of 300 labels shown").arg(p.labels().size());
        QCOMPARE(p.thinnedNote(), note);
        // ...and the note is drawn (the SVG export carries the text).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crowded.svg"));
        QVERIFY(view.exportTo(path, QSize(600, 500)));
        QFile svg(path);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains(note.toUtf8()));
        // The most important labels win: every CDS (importance 6) before any misc_feature.
        int cds = 0;
        for (const PlacedLabel &l : p.labels())
            cds += l.text.mid(4).toInt() % 3 == 0;
        QVERIFY(cds >= qMin<int>(100, int(p.labels().size())) * 9 / 10);

        // With room for all, nothing is thinned.
        CircularMapView roomy;
        roomy.setEnzymeSet(EnzymeSet::None);
        roomy.setRecord(crowded(12));
        roomy.resize(700, 600);
        roomy.relayout();
        QCOMPARE(roomy.painter().labels().size(), 12);
        QVERIFY(roomy.painter().thinnedNote().isEmpty());
    }

    void exportsAreValid()
    {
        QTemporaryDir dir;
        const bio::Record record = load(QStringLiteral("pUC19_snapgene.gb"));
        CircularMapView circular;
        circular.setRecord(record);
        LinearMapView linear;
        linear.setRecord(record);
        for (MapView *view : {static_cast<MapView *>(&circular), static_cast<MapView *>(&linear)}) {
            const QSize size(800, 600);
            const QString base = dir.filePath(
                QString::fromLatin1(view->metaObject()->className()).section(u':', -1));
            QString error;
            QVERIFY2(view->exportTo(base + QStringLiteral(".svg"), size, &error),
                     qPrintable(error));
            QSvgRenderer svg(base + QStringLiteral(".svg"));
            QVERIFY(svg.isValid());
            QCOMPARE(svg.viewBoxF(), QRectF(QPointF(0, 0), QSizeF(size)));
            QFile svgFile(base + QStringLiteral(".svg"));
            QVERIFY(svgFile.open(QIODevice::ReadOnly));
            const QByteArray svgText = svgFile.readAll();
            QVERIFY(svgText.contains("AmpR"));
            QVERIFY(svgText.contains(
                QString(QLocale().toString(2686) + QStringLiteral(" bp")).toUtf8()));

            QVERIFY(exportMap(view->painter(), MapFormat::Png, base + QStringLiteral(".png"), size,
                              &error, 2.0));
            const QImage png(base + QStringLiteral(".png"));
            QCOMPARE(png.size(), size * 2);
            QVERIFY(png.pixel(0, 0) == qRgb(255, 255, 255));
            int dark = 0;
            for (int y = 0; y < png.height(); y += 3)
                for (int x = 0; x < png.width(); x += 3)
                    dark += qGray(png.pixel(x, y)) < 128;
            QVERIFY(dark > 200);

            QVERIFY(view->exportTo(base + QStringLiteral(".pdf"), size, &error));
            QFile pdf(base + QStringLiteral(".pdf"));
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            const QByteArray bytes = pdf.readAll();
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(bytes.size() > 2000);
            QCOMPARE(bytes.count("/Type /Page") - bytes.count("/Type /Pages"), 1); // one page
            QVERIFY(
                bytes.contains("/MediaBox [0 0 600.000000 450.000000]")); // 800x600 px at 96 dpi
        }
    }

    void rotationAndSetOrigin()
    {
        CircularMapView view;
        view.resize(700, 600);
        view.setRecord(load(QStringLiteral("pUC19_snapgene.gb")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy rotated(&view, &CircularMapView::rotationChanged);
        view.setRotation(90);
        QCOMPARE(rotated.count(), 1);
        QCOMPARE(rotated.first().first().toDouble(), 90.0);
        const QPointF origin = view.pointForBase(0), centre = view.circularPainter().centre();
        QVERIFY(origin.x() > centre.x() + view.circularPainter().radius() - 1); // 3 o'clock
        QVERIFY(qAbs(origin.y() - centre.y()) < 1);

        // Alt+drag from 12 o'clock to 9 o'clock turns the map a quarter anticlockwise.
        view.setRotation(0);
        rotated.clear();
        const double r = view.circularPainter().radius();
        const QPoint top = (centre + QPointF(0, -r)).toPoint(),
                     left = (centre + QPointF(-r, 0)).toPoint();
        QTest::mousePress(&view, Qt::LeftButton, Qt::AltModifier, top);
        QTest::mouseMove(&view, (centre + QPointF(-r * 0.7, -r * 0.7)).toPoint());
        QTest::mouseMove(&view, left);
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::AltModifier, left);
        QVERIFY(!rotated.isEmpty());
        QVERIFY(qAbs(view.rotation() - 270.0) < 1.0);

        QSignalSpy origin2(&view, &CircularMapView::originChangeRequested);
        const QPoint at = view.pointForBase(1000).toPoint();
        view.requestOriginAt(at);
        QCOMPARE(origin2.count(), 1);
        QCOMPARE(origin2.first().first().toLongLong(), view.baseAt(at));
        QVERIFY(qAbs(origin2.first().first().toLongLong() - 1000) <= 8);
    }

    void zoomedCircleCullsAndStaysCorrect()
    {
        CircularMapView view;
        view.resize(700, 600);
        view.setRecord(load(QStringLiteral("pBR322_J01749.gb")));
        view.relayout();
        const QPointF at = view.pointForBase(1500);
        view.setZoom(16, at);
        QCOMPARE(view.zoom(), 16.0);
        QVERIFY((view.pointForBase(1500) - at).manhattanLength() < 2);
        QCOMPARE(view.baseAt(at.toPoint()), view.circularPainter().baseAtPoint(at.toPoint()));
        QVERIFY(qAbs(view.baseAt(at.toPoint()) - 1500) <= 2);
        QCOMPARE(overlappingPairs(view.painter().labels()), 0);
    }

    void placerKeepsMostImportant()
    {
        QList<LabelRequest> requests;
        for (int i = 0; i < 50; ++i)
            requests.append({QStringLiteral("l%1").arg(i), 0.3, 40, i, 0, i}); // all at one angle
        const auto placed =
            placeCircularLabels(requests, QPointF(200, 200), 100, 12, QRectF(0, 0, 400, 120));
        QCOMPARE(placed.size(), qsizetype(9)); // (116 / 12) rows on the right side
        QList<PlacedLabel> rects;
        for (const auto &p : placed) {
            QVERIFY(requests[p.request].importance >= 41);
            rects.append({p.rect, {}});
        }
        QCOMPARE(overlappingPairs(rects), 0);
    }
};

QTEST_MAIN(TestSequenceMaps)
#include "tst_ui_sequence_maps.moc"
