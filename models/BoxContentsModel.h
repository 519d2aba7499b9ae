// A box or plate as a grid (DESIGN §5): rows × columns from its schema, the tube at each position.
// Opening a box cold costs three requests (the box, its schema, its contents in one page of 100);
// a plate two (the plate carries its wells). Opened again on the same store, fresh, it costs
// none. Cells follow the store: a tube moved in or out by any model or command (pending
// included) shows here at once.
//
// Drag and drop at the model API: mimeData() packs the tubes' ids (ContainerMime), and a drop
// plans where each lands (keeping their layout relative to the dragged cell) and hands the
// moves to the InventoryMover (undoable). Fixed well plates neither give nor take tubes.
#pragma once

#include "Roles.h"
#include "resources/Inventory.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace benchtop::models {

class ApiClient;
class ApiError;
class InventoryMover;
struct ContainerMove;
struct ContainerPayload;
class ContainerMoveCommand;
class ListPager;
class ResourceStore;

class BoxContentsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    BoxContentsModel(ApiClient *client, ResourceStore *store, QString boxId,
                     QObject *parent = nullptr);

    QString boxId() const { return m_boxId; }
    bool isPlate() const { return m_boxId.startsWith(u"plt_"); }
    // A fixed well plate: its wells stay where they are (the server refuses moves into it).
    bool isWellPlate() const;
    bool movesTubes() const { return !isWellPlate(); }
    // Drops go through the mover's undo stack; without one, a drop starts a move of its own.
    void setMover(InventoryMover *mover) { m_mover = mover; }
    // Where each dragged tube would land if dropped on `target`, or nothing (with `why`).
    QList<ContainerMove> planDrop(const ContainerPayload &payload, const QModelIndex &target,
                                  QString *why = nullptr) const;
    // The cell a drag starts from (its tubes keep their layout around it on drop).
    void setDragAnchor(const QString &position) { m_dragAnchor = position; }
    // Loads what the store lacks (or holds stale); emits ready() when the grid is complete.
    void open();
    bool isReady() const { return m_rows > 0 && m_contentsKnown; }
    LoadState loadState() const { return m_state; }
    QString errorMessage() const { return m_error; }
    // The tube at "B3", or empty.
    QString idAt(const QString &position) const { return m_at.value(position); }
    // Where tube `id` shows in this grid ("B3"), or empty while it does not (yet).
    QString positionOf(const QString &id) const { return m_positionOf.value(id); }
    QModelIndex indexOf(const QString &position) const;
    // Moves the tube at `from` to `to` in this box (or another, `toBoxId`): a started command
    // whose result shows at once as pending. Null when `from` is empty.
    ContainerMoveCommand *move(const QString &from, const QString &to, QString toBoxId = {},
                               QObject *owner = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

Q_SIGNALS:
    void ready();
    void failed(const QString &message);

private:
    void onStoreChanged(const QString &id);
    void onStoreRemoved(const QString &id);
    void onFetchFailed(const QString &id, const ApiError &error);
    void onContentsPage(const QJsonArray &items);
    void takeShape();
    void takeContents();
    void place(const QString &id);
    void emitCell(const QString &position);
    void checkReady();
    void fail(const QString &message);
    void takeWells();
    QString describe(const QString &position, const QString &id) const;
    QModelIndex dropTarget(int row, int column, const QModelIndex &parent) const;

    ApiClient *m_client;
    ResourceStore *m_store;
    QString m_boxId;
    QString m_schemaId;
    int m_rows = 0;
    int m_columns = 0;
    bool m_contentsKnown = false;
    LoadState m_state = LoadState::NotLoaded;
    QString m_error;
    ListPager *m_contents = nullptr;
    QSet<QString> m_listed; // ids the listing under way has shown
    QJsonObject m_wells;    // a plate's wells as last taken into the store
    InventoryMover *m_mover = nullptr;
    QString m_dragAnchor;
    QHash<QString, QString> m_at;         // position -> tube id
    QHash<QString, QString> m_positionOf; // tube id -> position
};

} // namespace benchtop::models
