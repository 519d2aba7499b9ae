#pragma once

#include <QLabel>

namespace benchtop::widgets {

// The heading at the top of a main-window page, the same size and weight on every page.
inline QLabel *createPageTitle(const QString &text, QWidget *parent)
{
    auto *title = new QLabel(text, parent);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title->setFont(font);
    return title;
}

} // namespace benchtop::widgets
