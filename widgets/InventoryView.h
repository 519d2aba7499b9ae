// The inventory page: the location tree, with a banner that says when a listing failed and
// offers to retry. Reads the model only; never talks to the network itself.
#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace benchtop::models {
class LocationTreeModel;
}

namespace benchtop::widgets {

class InventoryView : public QWidget
{
    Q_OBJECT
public:
    explicit InventoryView(models::LocationTreeModel *model, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    QPushButton *retryButton() const { return m_retry; }
    QString statusText() const;

private:
    void showFailure(const QModelIndex &parent, const QString &message);
    void forgetLoaded();
    void retry();

    struct Failure
    {
        QPersistentModelIndex index; // invalid for the top level
        bool isRoot = false;         // tells the top level from a row that has gone
    };

    models::LocationTreeModel *m_model;
    QTreeView *m_tree;
    QWidget *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_retry;
    QList<Failure> m_failed; // every place whose listing failed, for one Retry
};

} // namespace benchtop::widgets
