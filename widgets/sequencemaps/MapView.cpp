#include "widgets/sequencemaps/MapView.h"

#include "widgets/sequencemaps/MapExport.h"

#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QMenu>
#include <QPainter>
#include <QToolButton>
#include <QWheelEvent>

#include <cmath>

namespace benchtop::widgets::maps {

MapView::MapView(MapPainter &painter, QWidget *parent)
    : QWidget(parent)
    , m_painter(painter)
{
    setMouseTracking(true);
    setMinimumSize(240, 160);
    setFocusPolicy(Qt::StrongFocus);
    // m_painter belongs to the subclass and is not constructed yet: do not touch it here.
    m_buttons = new QWidget(this);
    auto *layout = new QHBoxLayout(m_buttons);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto addButton = [&](const QString &text, const QString &tip, void (MapView::*slot)()) {
        auto *b = new QToolButton(m_buttons);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        layout->addWidget(b);
    };
    addButton(QStringLiteral("+"), tr("Zoom in"), &MapView::zoomIn);
    addButton(QStringLiteral("−"), tr("Zoom out"), &MapView::zoomOut);
    addButton(tr("Fit"), tr("Show the whole molecule"), &MapView::resetZoom);
    connect(&m_cutJob, &CutSiteJob::finished, this, &MapView::onCutSites);
}

void MapView::setRecord(const bio::Record &record)
{
    m_sequence = record.sequence;
    m_topology = record.topology;
    setMapData(std::make_shared<MapData>(record));
    m_cutJob.start(m_sequence, m_topology, m_enzymes);
}

void MapView::setMapData(std::shared_ptr<MapData> data)
{
    if (m_data && data && data != m_data && data->cuts.isEmpty())
        data->setCuts(m_data->cuts);
    m_data = std::move(data);
    m_painter.setData(m_data);
    relayout();
    update();
}

void MapView::setEnzymeSet(EnzymeSet set)
{
    m_enzymes = set;
    m_cutJob.start(m_sequence, m_topology, set);
}

void MapView::onCutSites(const QList<MapCutSite> &sites)
{
    if (!m_data)
        return;
    // Copy on write: another view may share the data.
    auto copy = std::make_shared<MapData>(*m_data);
    copy->setCuts(sites);
    m_data = copy;
    m_painter.setData(m_data);
    relayout();
    update();
    Q_EMIT cutSitesReady(int(sites.size()));
}

void MapView::relayout()
{
    m_painter.setFont(font());
    m_painter.layout(mapRect(), this);
}

void MapView::setSelection(qint64 start, qint64 end)
{
    m_painter.setSelection({start, end});
    update();
}

void MapView::selectFromUser(qint64 start, qint64 end)
{
    const MapSelection s{start, end};
    if (s == m_painter.selection())
        return;
    m_painter.setSelection(s);
    update();
    Q_EMIT selectionChanged(start, end);
}

void MapView::selectFeature(int featureIndex)
{
    m_painter.setHighlightedFeature(featureIndex);
    if (featureIndex < 0 || !m_data) {
        update();
        return;
    }
    const MapFeature &f = m_data->features[featureIndex];
    Q_EMIT featureClicked(f.recordIndex);
    selectFromUser(f.start, f.end);
}

void MapView::zoomIn()
{
    setZoom(zoom() * 2, mapRect().center());
}

void MapView::zoomOut()
{
    setZoom(zoom() / 2, mapRect().center());
}

void MapView::resetZoom()
{
    MapViewState state = m_painter.state();
    state.pan = {};
    state.offset = 0;
    m_painter.setState(state);
    setZoom(1, mapRect().center());
}

void MapView::setZoom(double zoom, QPointF)
{
    MapViewState state = m_painter.state();
    const double maxZoom = m_data ? qMax(1.0, double(m_data->length) / 20.0) : 1.0;
    state.zoom = qBound(1.0, zoom, maxZoom);
    m_painter.setState(state);
    relayout();
    stateChanged();
    update();
    Q_EMIT zoomChanged(state.zoom);
}

void MapView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        event->ignore();
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    setZoom(zoom() * std::pow(1.25, steps), event->position());
    event->accept();
}

void MapView::paintEvent(QPaintEvent *)
{
    m_painter.setFont(font());
    const CacheKey key{size(),
                       devicePixelRatioF(),
                       m_painter.state(),
                       m_data.get(),
                       m_painter.highlightedFeature(),
                       font()};
    if (m_map.isNull() || !(key == m_mapKey)) {
        m_map = QPixmap((QSizeF(size()) * key.pixelRatio).toSize());
        m_map.setDevicePixelRatio(key.pixelRatio);
        m_map.fill(Qt::transparent);
        QPainter cache(&m_map);
        m_painter.layout(mapRect(), this);
        m_painter.paintMap(cache);
        m_mapKey = key;
        ++m_mapPaints;
    }
    QPainter p(this);
    p.drawPixmap(0, 0, m_map);
    m_painter.paintSelection(p);
}

void MapView::resizeEvent(QResizeEvent *)
{
    m_buttons->adjustSize();
    m_buttons->move(width() - m_buttons->width() - 4, 2);
    relayout();
}

void MapView::addContextActions(QMenu &menu, const QPoint &)
{
    menu.addAction(tr("Zoom in"), this, &MapView::zoomIn);
    menu.addAction(tr("Zoom out"), this, &MapView::zoomOut);
    menu.addAction(tr("Show whole molecule"), this, &MapView::resetZoom);
    QMenu *cuts = menu.addMenu(tr("Restriction sites"));
    const std::pair<QString, EnzymeSet> sets[] = {{tr("None"), EnzymeSet::None},
                                                  {tr("Unique cutters"), EnzymeSet::UniqueCutters},
                                                  {tr("Two-cutters"), EnzymeSet::TwoCutters},
                                                  {tr("All commercial"), EnzymeSet::All}};
    for (const auto &[label, set] : sets) {
        QAction *a = cuts->addAction(label, this, [this, s = set] { setEnzymeSet(s); });
        a->setCheckable(true);
        a->setChecked(set == m_enzymes);
    }
}

void MapView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    addContextActions(menu, event->pos());
    menu.addSeparator();
    menu.addAction(tr("Export map…"), this, [this] {
        exportMapInteractively(this, m_painter, size(), m_data ? m_data->name : QString());
        relayout();
    });
    menu.exec(event->globalPos());
}

bool MapView::exportTo(const QString &path, QSize size, QString *error)
{
    const bool ok = exportMap(m_painter, mapFormatForPath(path), path,
                              size.isValid() ? size : this->size(), error);
    relayout(); // the export laid the painter out for its own size
    return ok;
}

} // namespace benchtop::widgets::maps
