/**
 *  Hello, world - example in Java.
 */
public class Main{
    // says hello to the world
    public static void main(String[] args) {
        System.out.println("Hello, world!");
    }
}