package com.sintra.browser;

/** The two screens every view is checked and photographed at. */
enum Screen {
    DESKTOP(1366, 850, false, "desktop"),
    PHONE(390, 844, true, "phone");

    private final int width;
    private final int height;
    private final boolean phone;
    private final String slug;

    Screen(int width, int height, boolean phone, String slug) {
        this.width = width;
        this.height = height;
        this.phone = phone;
        this.slug = slug;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    boolean phone() {
        return phone;
    }

    String slug() {
        return slug;
    }

    @Override
    public String toString() {
        return width + "×" + height;
    }
}
