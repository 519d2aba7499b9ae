// A box as a grid (DESIGN §5): rows × columns from its schema, the tube at each position. Opening
// a box cold costs three requests (the box, its schema, its contents in one page of 100); opened
// again on the same store, fresh, it costs none. Cells follow the store: a tube moved in or out
// by any model or command (pending included) shows here at once.
#pragma once

#include "Roles.h"
#include "resources/Inventory.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace benchtop::models {

class ApiClient;
class ApiError;
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
    // Loads what the store lacks (or holds stale); emits ready() when the grid is complete.
    void open();
    bool isReady() const { return m_rows > 0 && m_contentsKnown; }
    LoadState loadState() const { return m_state; }
    QString errorMessage() const { return m_error; }
    // The tube at "B3", or empty.
    QString idAt(const QString &position) const { return m_at.value(position); }
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
    QSet<QString> m_listed;               // ids the listing under way has shown
    QHash<QString, QString> m_at;         // position -> tube id
    QHash<QString, QString> m_positionOf; // tube id -> position
};

} // namespace benchtop::models
