// What the linear and circular map widgets share: the record's MapData (shareable between both
// views), the selection, cut sites for a chosen enzyme set (scanned off the GUI thread for big
// molecules), zoom buttons and the "Export map…" context menu. Subclasses own a painter and
// the mouse.
#pragma once

#include "widgets/sequencemaps/CutSites.h"
#include "widgets/sequencemaps/MapPainter.h"

#include <QPixmap>
#include <QWidget>

class QMenu;
class QToolButton;

namespace benchtop::widgets::maps {

class MapView : public QWidget
{
    Q_OBJECT
public:
    explicit MapView(MapPainter &painter, QWidget *parent = nullptr);

    void setRecord(const bio::Record &record);
    // Shares prepared data (e.g. with the other map of the same record); cut sites are kept.
    void setMapData(std::shared_ptr<MapData> data);
    std::shared_ptr<const MapData> mapData() const { return m_data; }
    void setEnzymeSet(EnzymeSet set);
    EnzymeSet enzymeSet() const { return m_enzymes; }
    MapSelection selection() const { return m_painter.selection(); }
    double zoom() const { return m_painter.state().zoom; }
    MapPainter &painter() { return m_painter; }
    // Runs the last layout for the current size (tests and hit-testing call it).
    void relayout();
    bool exportTo(const QString &path, QSize size = {}, QString *error = nullptr);
    // How many times the map itself (not the selection over it) was drawn for the screen: the
    // view keeps it in a pixmap until its size, state, data, highlight or font change.
    int mapPaints() const { return m_mapPaints; }

public Q_SLOTS:
    void setSelection(qint64 start, qint64 end);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    virtual void setZoom(double zoom, QPointF around);

Q_SIGNALS:
    // A range the user selected (0-based, end exclusive; end < start wraps the origin).
    void selectionChanged(qint64 start, qint64 end);
    // The user clicked a feature: its index in Record::features (selectionChanged follows).
    void featureClicked(int recordFeatureIndex);
    void cutSitesReady(int count);
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    virtual QRectF mapRect() const { return QRectF(rect()); }
    virtual void addContextActions(QMenu &menu, const QPoint &pos);
    virtual void stateChanged() {}
    void selectFromUser(qint64 start, qint64 end);
    void selectFeature(int featureIndex);

    MapPainter &m_painter;
    std::shared_ptr<MapData> m_data;

private:
    void onCutSites(const QList<MapCutSite> &sites);

    EnzymeSet m_enzymes = EnzymeSet::UniqueCutters;
    CutSiteJob m_cutJob;
    QByteArray m_sequence;
    bio::Topology m_topology = bio::Topology::Linear;
    QWidget *m_buttons = nullptr;
    // The map as last drawn, and what it was drawn for.
    struct CacheKey
    {
        QSize size;
        qreal pixelRatio = 0;
        MapViewState state;
        const MapData *data = nullptr;
        int highlighted = -1;
        QFont font;
        bool operator==(const CacheKey &) const = default;
    };
    QPixmap m_map;
    CacheKey m_mapKey;
    int m_mapPaints = 0;
};

} // namespace benchtop::widgets::maps
