#include "InventoryView.h"

#include "PageTitle.h"
#include "models/LocationTreeModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace benchtop::widgets {

InventoryView::InventoryView(models::LocationTreeModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_tree(new QTreeView(this))
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

    m_tree->setModel(model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(models::LocationTreeModel::NameColumn,
                                           QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(models::LocationTreeModel::BarcodeColumn,
                                           QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_banner);
    layout->addWidget(m_tree, 1);

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

} // namespace benchtop::widgets
