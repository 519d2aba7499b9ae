// A box or plate as a grid of cells (BoxCellDelegate), over a BoxContentsModel. Drag one tube
// or a selection within the box, to another grid or onto a location in the tree; while dragging,
// the cells where the tubes would land are outlined (green, or red with the reason when they
// cannot). Ctrl+X marks the selection for a move and Ctrl+V drops it on the current cell, here
// or in another grid. Zoom with Ctrl+wheel or Ctrl+plus/minus.
#pragma once

#include <QSet>
#include <QTableView>

namespace benchtop::models {
class BoxContentsModel;
}

namespace benchtop::widgets {

class BoxCellDelegate;

class BoxGridView : public QTableView
{
    Q_OBJECT
public:
    enum class Preview { None, Lands, Blocked };

    explicit BoxGridView(QWidget *parent = nullptr);

    void setBoxModel(models::BoxContentsModel *model);
    models::BoxContentsModel *boxModel() const { return m_model; }
    BoxCellDelegate *cellDelegate() const { return m_delegate; }

    int cellSize() const { return m_cellSize; }
    void setCellSize(int size);
    void zoomIn();
    void zoomOut();

    // The drop preview under a drag (or none).
    Preview previewAt(const QString &position) const;
    QStringList previewPositions() const { return m_preview.values(); }
    bool isCut(const QString &id) const { return m_cut.contains(id); }

    // Keyboard moves: the selection goes to the clipboard as a move; paste drops it here.
    void cutSelection();
    bool pasteAtCurrent();
    // Drops `data` on `target` as a drop would; false (and refused(reason)) when it cannot.
    bool dropAt(const QMimeData *data, const QModelIndex &target);

Q_SIGNALS:
    // A drop or paste that cannot happen, and why.
    void refused(const QString &reason);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void startDrag(Qt::DropActions supportedActions) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void showPreview(const QMimeData *data, const QModelIndex &target);
    void clearPreview();
    void applyCellSize();

    models::BoxContentsModel *m_model = nullptr;
    BoxCellDelegate *m_delegate;
    int m_cellSize = 56;
    QSet<QString> m_preview;
    bool m_previewBlocked = false;
    QSet<QString> m_cut; // ids cut with Ctrl+X, painted faded until pasted
};

} // namespace benchtop::widgets
