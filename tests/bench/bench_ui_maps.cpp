// bench_ui_maps: paint cost of the linear and circular maps, pUC19 against the E. coli genome
// (4.6 Mb, ~9k features) in the same run, at full view and zoomed in; label placement with every
// genome feature as a candidate; preparing the map data and scanning unique cutters.
//
//   bench_ui_maps                      the table (offscreen is fine)
//   bench_ui_maps --screenshot F.png   pUC19 in both views in a window, grabbed from the screen
//                                      (run under Xvfb), and the export functions' SVG/PNG/PDF
//                                      beside it (F-linear.svg, F-circular.png, ...)
#include "bio/GenBank.h"
#include "widgets/sequencemaps/CircularMapPainter.h"
#include "widgets/sequencemaps/CircularMapView.h"
#include "widgets/sequencemaps/CutSites.h"
#include "widgets/sequencemaps/LabelPlacer.h"
#include "widgets/sequencemaps/LinearMapPainter.h"
#include "widgets/sequencemaps/LinearMapView.h"
#include "widgets/sequencemaps/MapExport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QScreen>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace benchtop;
using namespace benchtop::widgets::maps;

namespace {

bio::Record load(const QString &relative)
{
    const auto result = bio::readGenBankFile(QStringLiteral(BENCHTOP_TEST_DATA "/") + relative);
    if (!result.ok() || result.records.isEmpty())
        qFatal("cannot read %s", qPrintable(relative));
    return result.records.first();
}

// Median of `runs` timings, in milliseconds.
double medianMs(int runs, const std::function<void()> &work)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        times.append(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

double paintMs(MapPainter &painter, const MapViewState &state, QImage &image)
{
    painter.setState(state);
    return medianMs(15, [&] {
        QPainter p(&image);
        painter.render(p, QRectF(image.rect()));
    });
}

int screenshot(const QString &path)
{
    bio::Record record = load(QStringLiteral("plasmids/pUC19_snapgene.gb"));
    record.name = QStringLiteral("pUC19"); // the SnapGene export names its LOCUS "Exported"
    QWidget window;
    window.setWindowTitle(QStringLiteral("pUC19 — maps"));
    auto *layout = new QHBoxLayout(&window);
    auto *linear = new LinearMapView;
    auto *circular = new CircularMapView;
    layout->addWidget(circular, 5);
    layout->addWidget(linear, 6);
    linear->setRecord(record);
    circular->setMapData(std::const_pointer_cast<MapData>(linear->mapData()));
    circular->setRecord(record);
    QObject::connect(linear, &MapView::selectionChanged, circular, &MapView::setSelection);
    QObject::connect(circular, &MapView::selectionChanged, linear, &MapView::setSelection);
    linear->setSelection(1283, 2144); // AmpR
    circular->setSelection(1283, 2144);
    window.resize(1300, 620);
    window.move(0, 0);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QTest::qWait(300);
    const QString stem = path.left(path.lastIndexOf(u'.'));
    const QPixmap shot = window.screen()->grabWindow(
        0, window.x(), window.y(), window.frameGeometry().width(), window.frameGeometry().height());
    if (!shot.save(path))
        return 1;
    bool ok = true;
    for (const char *suffix : {".svg", ".png", ".pdf"}) {
        ok = linear->exportTo(stem + QStringLiteral("-linear") + QLatin1String(suffix),
                              QSize(900, 360)) &&
             ok;
        ok = circular->exportTo(stem + QStringLiteral("-circular") + QLatin1String(suffix),
                                QSize(760, 640)) &&
             ok;
    }
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc == 3 && QByteArray(argv[1]) == "--screenshot")
        return screenshot(QString::fromLocal8Bit(argv[2]));

    QElapsedTimer t;
    t.start();
    const bio::Record puc = load(QStringLiteral("plasmids/pUC19_snapgene.gb"));
    const bio::Record ecoli =
        load(QStringLiteral("genomes/Ecoli_MG1655_GCF_000005845.2_genomic.gbff.gz"));
    std::printf("parse E. coli: %.0f ms (%lld bp, %lld features)\n", double(t.elapsed()),
                ecoli.length(), qint64(ecoli.features.size()));

    std::shared_ptr<MapData> pucData, ecoliData;
    const double prepPuc = medianMs(5, [&] { pucData = std::make_shared<MapData>(puc); });
    const double prepEcoli = medianMs(3, [&] { ecoliData = std::make_shared<MapData>(ecoli); });
    QList<MapCutSite> pucCuts, ecoliCuts;
    computeCutSites(puc.sequence, puc.topology, EnzymeSet::UniqueCutters); // compiles the scanner
    const double scanPuc = medianMs(5, [&] {
        pucCuts = computeCutSites(puc.sequence, puc.topology, EnzymeSet::UniqueCutters);
    });
    const double scanEcoli = medianMs(1, [&] {
        ecoliCuts = computeCutSites(ecoli.sequence, ecoli.topology, EnzymeSet::UniqueCutters);
    });
    pucData->setCuts(pucCuts);
    ecoliData->setCuts(ecoliCuts);
    std::printf("prepare map data: pUC19 %.2f ms, E. coli %.1f ms (%d lanes, %lld features)\n",
                prepPuc, prepEcoli, ecoliData->laneCount, qint64(ecoliData->features.size()));
    std::printf(
        "unique cutters scan (off the GUI thread above %lld bp): pUC19 %.2f ms (%lld cuts), "
        "E. coli %.0f ms (%lld cuts)\n",
        CutSiteJob::kSyncLimit, scanPuc, qint64(pucCuts.size()), scanEcoli,
        qint64(ecoliCuts.size()));

    QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
    QFont font = app.font();
    std::printf(
        "\npaint 1200x800 (layout + paint, median of 15)   pUC19 ms   E. coli ms   ratio\n");
    LinearMapPainter linear;
    CircularMapPainter circular;
    for (MapPainter *painter :
         {static_cast<MapPainter *>(&linear), static_cast<MapPainter *>(&circular)}) {
        const bool isLinear = painter == &linear;
        painter->setFont(font);
        struct Case
        {
            const char *name;
            double zoom;
        };
        for (const Case c : {Case{"full view", 1}, Case{"zoom 16x", 16}, Case{"zoom 256x", 256},
                             Case{"zoom 4096x", 4096}}) {
            auto stateFor = [&](const MapData &d) {
                MapViewState s;
                s.zoom = qMin(c.zoom, qMax(1.0, double(d.length) / 20.0));
                if (isLinear) {
                    s.offset = d.length / 2.0; // the middle of the molecule
                } else {
                    // Pan so that the point at 3 o'clock of the ring (a quarter in) is in view.
                    const double r = qMax(40.0, qMin(1200 / 2.0 - 140, 800 / 2.0 - 30)) * s.zoom;
                    s.pan = QPointF(-r + 100, 0);
                }
                return s;
            };
            painter->setData(pucData);
            const double a = paintMs(*painter, stateFor(*pucData), image);
            painter->setData(ecoliData);
            const double b = paintMs(*painter, stateFor(*ecoliData), image);
            std::printf("%-9s %-12s  %8.2f   %10.2f   %5.2f\n", isLinear ? "linear" : "circular",
                        c.name, a, b, b / a);
        }
    }
    // Label placement: every genome feature a candidate.
    QList<LabelRequest> requests;
    for (const MapFeature &f : ecoliData->features)
        requests.append({f.name,
                         (f.start + f.length / 2.0) / double(ecoliData->length) * 6.283185307, 60.0,
                         f.importance, f.length, 0});
    qsizetype placed = 0;
    const double place = medianMs(9, [&] {
        placed = placeCircularLabels(requests, QPointF(600, 400), 380, 14, QRectF(0, 0, 1200, 800))
                     .size();
    });
    std::printf("\nlabel placement, %lld candidates: %.2f ms (%lld placed)\n",
                qint64(requests.size()), place, qint64(placed));

    // The views keep the map in a pixmap: a selection that moves (a drag in the sequence view)
    // repaints the selection over it; a zoom draws the map again. Each widget is rendered
    // synchronously into a pixmap of its size.
    std::printf("\nview repaint 1200x800, E. coli (median of 15)   selection moved ms   "
                "map redrawn (zoom) ms   ratio\n");
    LinearMapView linearView;
    CircularMapView circularView;
    for (MapView *view :
         {static_cast<MapView *>(&linearView), static_cast<MapView *>(&circularView)}) {
        view->resize(1200, 800);
        view->setMapData(ecoliData);
        view->show();
        QPixmap target(view->size());
        view->render(&target);
        qint64 end = 1000;
        const double moved = medianMs(15, [&] {
            view->setSelection(500, end += 5000);
            view->render(&target);
        });
        double zoom = 1;
        const double redrawn = medianMs(15, [&] {
            view->setZoom(zoom = zoom == 1 ? 1.01 : 1, QPointF(600, 400));
            view->render(&target);
        });
        std::printf("%-9s                                  %8.2f   %20.2f   %5.3f\n",
                    view == &linearView ? "linear" : "circular", moved, redrawn, moved / redrawn);
    }
    return 0;
}
