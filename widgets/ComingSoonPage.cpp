#include "ComingSoonPage.h"

#include "PageTitle.h"

#include <QLabel>
#include <QVBoxLayout>

namespace benchtop::widgets {

ComingSoonPage::ComingSoonPage(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    QLabel *heading = createPageTitle(title, this);
    auto *text = new QLabel(description, this);
    text->setWordWrap(true);
    auto *coming = new QLabel(tr("Coming soon."), this);
    coming->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addWidget(coming);
    layout->addStretch(1);
}

} // namespace benchtop::widgets
