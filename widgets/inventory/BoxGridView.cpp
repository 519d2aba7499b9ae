#include "BoxGridView.h"

#include "BoxCellDelegate.h"
#include "models/BoxContentsModel.h"
#include "models/inventory/ContainerMime.h"
#include "models/store/ContainerMoveCommand.h"

#include <QApplication>
#include <QClipboard>
#include <QDragMoveEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMimeData>
#include <QWheelEvent>

using namespace benchtop::models;

namespace benchtop::widgets {

BoxGridView::BoxGridView(QWidget *parent)
    : QTableView(parent)
    , m_delegate(new BoxCellDelegate(this))
{
    setItemDelegate(m_delegate);
    setShowGrid(false);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(false); // the preview shows where each tube lands
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    // The store moves the tubes; the view must not clear the source cells itself.
    setDragDropOverwriteMode(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setHighlightSections(false);
    verticalHeader()->setHighlightSections(false);
    applyCellSize();
}

void BoxGridView::setBoxModel(BoxContentsModel *model)
{
    m_model = model;
    setModel(model);
}

void BoxGridView::setCellSize(int size)
{
    m_cellSize = std::clamp(size, 22, 140);
    applyCellSize();
}

void BoxGridView::zoomIn()
{
    setCellSize(m_cellSize + std::max(4, m_cellSize / 6));
}

void BoxGridView::zoomOut()
{
    setCellSize(m_cellSize - std::max(4, m_cellSize / 6));
}

void BoxGridView::applyCellSize()
{
    horizontalHeader()->setDefaultSectionSize(m_cellSize);
    verticalHeader()->setDefaultSectionSize(m_cellSize);
    horizontalHeader()->setMinimumSectionSize(10);
    verticalHeader()->setMinimumSectionSize(10);
    viewport()->update();
}

BoxGridView::Preview BoxGridView::previewAt(const QString &position) const
{
    if (!m_preview.contains(position))
        return Preview::None;
    return m_previewBlocked ? Preview::Blocked : Preview::Lands;
}

void BoxGridView::showPreview(const QMimeData *data, const QModelIndex &target)
{
    QSet<QString> cells;
    bool blocked = false;
    if (m_model && target.isValid()) {
        QString why;
        const QList<ContainerMove> moves = m_model->planDrop(decodeContainers(data), target, &why);
        for (const ContainerMove &move : moves)
            cells.insert(move.position);
        if (moves.isEmpty()) {
            blocked = true;
            cells.insert(target.data(PositionRole).toString());
            setToolTip(why);
        } else {
            setToolTip({});
        }
    }
    if (cells != m_preview || blocked != m_previewBlocked) {
        m_preview = cells;
        m_previewBlocked = blocked;
        viewport()->update();
    }
}

void BoxGridView::clearPreview()
{
    m_preview.clear();
    setToolTip({});
    viewport()->update();
}

void BoxGridView::startDrag(Qt::DropActions supportedActions)
{
    // The pressed cell anchors the layout the tubes keep on drop.
    if (m_model)
        m_model->setDragAnchor(currentIndex().data(PositionRole).toString());
    QTableView::startDrag(supportedActions);
}

void BoxGridView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!event->mimeData()->hasFormat(QString::fromLatin1(kContainerMimeType))) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::MoveAction);
    event->accept();
    showPreview(event->mimeData(), indexAt(event->position().toPoint()));
}

void BoxGridView::dragMoveEvent(QDragMoveEvent *event)
{
    const QModelIndex target = indexAt(event->position().toPoint());
    showPreview(event->mimeData(), target);
    if (m_preview.isEmpty() || m_previewBlocked) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::MoveAction);
    event->accept();
}

void BoxGridView::dragLeaveEvent(QDragLeaveEvent *event)
{
    clearPreview();
    QTableView::dragLeaveEvent(event);
}

void BoxGridView::dropEvent(QDropEvent *event)
{
    clearPreview();
    if (dropAt(event->mimeData(), indexAt(event->position().toPoint()))) {
        event->setDropAction(Qt::MoveAction);
        event->accept();
    } else {
        event->ignore();
    }
}

bool BoxGridView::dropAt(const QMimeData *data, const QModelIndex &target)
{
    if (!m_model)
        return false;
    QString why;
    if (m_model->planDrop(decodeContainers(data), target, &why).isEmpty()) {
        Q_EMIT refused(why);
        return false;
    }
    return m_model->dropMimeData(data, Qt::MoveAction, -1, -1, target);
}

void BoxGridView::cutSelection()
{
    if (!m_model)
        return;
    QModelIndexList selected = selectionModel()->selectedIndexes();
    if (selected.isEmpty() && currentIndex().isValid())
        selected.append(currentIndex());
    m_model->setDragAnchor(currentIndex().data(PositionRole).toString());
    QMimeData *data = m_model->mimeData(selected);
    if (!data)
        return;
    m_cut.clear();
    for (const DraggedContainer &c : decodeContainers(data).containers)
        m_cut.insert(c.id);
    QGuiApplication::clipboard()->setMimeData(data);
    viewport()->update();
}

bool BoxGridView::pasteAtCurrent()
{
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    const ContainerPayload payload = decodeContainers(data);
    if (payload.isEmpty()) {
        Q_EMIT refused(tr("Nothing to paste: cut tubes first (Ctrl+X)."));
        return false;
    }
    if (!dropAt(data, currentIndex()))
        return false;
    // A cut pastes once: the clipboard no longer offers the move.
    QGuiApplication::clipboard()->clear();
    m_cut.clear();
    viewport()->update();
    return true;
}

void BoxGridView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Cut)) {
        cutSelection();
        return;
    }
    if (event->matches(QKeySequence::Paste)) {
        pasteAtCurrent();
        return;
    }
    if (event->matches(QKeySequence::ZoomIn) ||
        (event->modifiers() & Qt::ControlModifier && event->key() == Qt::Key_Equal)) {
        zoomIn();
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomOut();
        return;
    }
    if (event->key() == Qt::Key_Escape && !m_cut.isEmpty()) {
        m_cut.clear();
        viewport()->update();
        return;
    }
    QTableView::keyPressEvent(event);
}

void BoxGridView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->angleDelta().y() > 0)
            zoomIn();
        else if (event->angleDelta().y() < 0)
            zoomOut();
        event->accept();
        return;
    }
    QTableView::wheelEvent(event);
}

} // namespace benchtop::widgets
