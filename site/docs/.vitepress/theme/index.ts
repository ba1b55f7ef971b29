// The default theme without its web font: the site must load nothing from outside.
import DefaultTheme from "vitepress/theme-without-fonts";
export default DefaultTheme;
