#include "InventoryView.h"

#include "PageTitle.h"
#include "inventory/BoxGridView.h"
#include "inventory/BoxPanel.h"
#include "inventory/StorageInspector.h"
#include "models/BoxContentsModel.h"
#include "models/LocationTreeModel.h"
#include "models/inventory/InventoryActions.h"
#include "models/inventory/InventoryMover.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace benchtop::widgets {

namespace {
// Locations as folders, boxes and plates as boxes: the kind shows at a glance.
class KindIconDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != 0)
            return;
        const QString id = index.data(models::IdRole).toString();
        const QStyle *style = option->widget ? option->widget->style() : nullptr;
        if (!style)
            return;
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon =
            style->standardIcon(id.startsWith(u"box_")   ? QStyle::SP_FileDialogListView
                                : id.startsWith(u"plt_") ? QStyle::SP_FileDialogDetailedView
                                                         : QStyle::SP_DirIcon);
    }
};

bool isStorage(const QString &id)
{
    return id.startsWith(u"box_") || id.startsWith(u"plt_");
}
} // namespace

InventoryView::InventoryView(models::LocationTreeModel *model, models::ApiClient *client,
                             models::ResourceStore *store, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_client(client)
    , m_store(store)
    , m_mover(new models::InventoryMover(client, store, this))
    , m_actions(new models::InventoryActions(client, store, this))
    , m_tree(new QTreeView(this))
    , m_breadcrumbs(new QLabel(this))
    , m_boxes(new QSplitter(Qt::Horizontal, this))
    , m_boxesHint(new QLabel(this))
    , m_inspector(new StorageInspector(store, m_actions, this))
    , m_banner(new QWidget(this))
    , m_bannerText(new QLabel(m_banner))
    , m_retry(new QPushButton(tr("Retry"), m_banner))
{
    QLabel *title = createPageTitle(tr("Inventory"), this);

    m_banner->setObjectName(QStringLiteral("errorBanner"));
    m_banner->setStyleSheet(
        QStringLiteral("#errorBanner { background: #fdecea; border: 1px solid #f5c2c0; "
                       "border-radius: 4px; } #errorBanner QLabel { color: #8a1c14; }"));
    m_bannerText->setWordWrap(true);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_retry);
    m_banner->hide();

    model->setShowsStorage(true);
    model->setMover(m_mover);
    m_tree->setModel(model);
    m_tree->setItemDelegate(new KindIconDelegate(m_tree));
    m_tree->setDragDropMode(QAbstractItemView::DropOnly);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setAcceptDrops(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(models::LocationTreeModel::NameColumn,
                                           QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(models::LocationTreeModel::BarcodeColumn,
                                           QHeaderView::Interactive);
    m_tree->header()->resizeSection(models::LocationTreeModel::BarcodeColumn, 96);
    m_tree->setIndentation(14);
    m_tree->header()->setSectionResizeMode(models::LocationTreeModel::FilledColumn,
                                           QHeaderView::ResizeToContents);
    m_breadcrumbs->setObjectName(QStringLiteral("breadcrumbs"));
    m_breadcrumbs->setTextFormat(Qt::PlainText);
    m_boxesHint->setText(tr("Double-click a box or plate to open it; right-click for "
                            "\u201cOpen beside\u201d to see two side by side. Drag tubes between "
                            "them or onto a location; Ctrl+X / Ctrl+V moves by keyboard."));
    m_boxesHint->setWordWrap(true);
    m_boxesHint->setAlignment(Qt::AlignCenter);
    m_boxesHint->setStyleSheet(QStringLiteral("color: palette(mid); padding: 24px;"));
    m_boxes->addWidget(m_boxesHint);
    m_boxes->setChildrenCollapsible(false);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_banner);
    leftLayout->addWidget(m_tree, 1);
    // Names and barcodes stay readable when two boxes open beside each other.
    left->setMinimumWidth(340);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_boxes);
    split->addWidget(m_inspector);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setStretchFactor(2, 2);
    split->setSizes({300, 700, 260});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_breadcrumbs);
    layout->addWidget(split, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &InventoryView::onTreeCurrentChanged);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(models::IdRole).toString();
        if (isStorage(id))
            openStorage(id);
    });
    connect(m_tree, &QWidget::customContextMenuRequested, this, &InventoryView::showTreeMenu);
    connect(m_inspector, &StorageInspector::openSequenceRequested, this,
            &InventoryView::openSequenceRequested);
    connect(m_mover, &models::InventoryMover::started, this, &InventoryView::moveStarted);
    connect(m_mover, &models::InventoryMover::finished, this,
            [this](bool ok, const QString &message) {
                Q_EMIT statusMessage(message, ok ? 5'000 : 15'000);
                for (BoxPanel *panel : panels())
                    panel->showMessage(ok ? QString() : message, !ok);
            });

    connect(model, &models::LocationTreeModel::loadFailed, this, &InventoryView::showFailure);
    connect(model, &models::LocationTreeModel::loadFinished, this, &InventoryView::forgetLoaded);
    connect(m_retry, &QPushButton::clicked, this, &InventoryView::retry);
}

QString InventoryView::statusText() const
{
    return m_banner->isVisible() ? m_bannerText->text() : QString();
}

void InventoryView::showFailure(const QModelIndex &parent, const QString &message)
{
    const bool known = std::any_of(m_failed.cbegin(), m_failed.cend(), [&](const Failure &f) {
        return f.isRoot ? !parent.isValid() : f.index == parent;
    });
    if (!known)
        m_failed.append({QPersistentModelIndex(parent), !parent.isValid()});
    const QString where = parent.isValid() ? parent.data().toString() : tr("the location list");
    const int others = static_cast<int>(m_failed.size()) - 1;
    m_bannerText->setText(
        others == 0
            ? tr("Could not load %1. %2").arg(where, message)
            : tr("Could not load %1 and %n more place(s). %2", "", others).arg(where, message));
    m_banner->show();
}

// Drops the failures that have since loaded (or whose rows are gone); no failure left, no banner.
void InventoryView::forgetLoaded()
{
    m_failed.removeIf([this](const Failure &f) {
        if (!f.isRoot && !f.index.isValid())
            return true;
        return m_model->loadState(f.index) != models::LoadState::Failed;
    });
    if (m_failed.isEmpty())
        m_banner->hide();
}

// Retries every place that failed, not just the last one.
void InventoryView::retry()
{
    const QList<Failure> failed = std::exchange(m_failed, {});
    m_banner->hide();
    for (const Failure &f : failed)
        if (f.isRoot || f.index.isValid())
            m_model->retry(f.index);
}

QUndoStack *InventoryView::undoStack() const
{
    return m_mover->undoStack();
}

QList<BoxPanel *> InventoryView::panels() const
{
    QList<BoxPanel *> panels;
    for (int i = 0; i < m_boxes->count(); ++i)
        if (auto *panel = qobject_cast<BoxPanel *>(m_boxes->widget(i)))
            panels.append(panel);
    return panels;
}

QString InventoryView::breadcrumbs() const
{
    return m_breadcrumbs->text();
}

BoxPanel *InventoryView::openStorage(const QString &storageId, bool beside)
{
    for (BoxPanel *panel : panels())
        if (panel->storageId() == storageId)
            return panel;
    const QList<BoxPanel *> shown = panels();
    if (!beside && !shown.isEmpty())
        closePanel(shown.first());
    auto *panel =
        new BoxPanel(m_client, m_store, m_mover, storageId,
                     m_model->pathOf(storageId).join(QStringLiteral(" \u203a ")), m_boxes);
    m_boxes->insertWidget(beside ? m_boxes->count() : 0, panel);
    m_boxesHint->hide();
    connect(panel, &BoxPanel::closeRequested, this, &InventoryView::closePanel);
    connect(panel, &BoxPanel::itemSelected, m_inspector, &StorageInspector::showItem);
    m_inspector->showItem(storageId);
    return panel;
}

BoxPanel *InventoryView::revealTube(const QString &storageId, const QString &tubeId)
{
    BoxPanel *panel = openStorage(storageId);
    panel->selectItem(tubeId);
    return panel;
}

void InventoryView::closePanel(BoxPanel *panel)
{
    panel->hide();
    panel->deleteLater();
    panel->setParent(nullptr);
    if (panels().isEmpty())
        m_boxesHint->show();
}

void InventoryView::onTreeCurrentChanged(const QModelIndex &current)
{
    const QString id = current.data(models::IdRole).toString();
    m_breadcrumbs->setText(m_model->pathOf(id).join(QStringLiteral(" \u203a ")));
    if (isStorage(id))
        m_inspector->showItem(id);
}

void InventoryView::showTreeMenu(const QPoint &at)
{
    const QModelIndex index = m_tree->indexAt(at);
    const QString id = index.data(models::IdRole).toString();
    if (!isStorage(id))
        return;
    QMenu menu(this);
    menu.addAction(tr("Open"), this, [this, id] { openStorage(id); });
    menu.addAction(tr("Open beside"), this, [this, id] { openStorage(id, true); });
    menu.exec(m_tree->viewport()->mapToGlobal(at));
}

} // namespace benchtop::widgets
